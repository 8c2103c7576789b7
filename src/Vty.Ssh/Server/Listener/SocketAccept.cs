using System.Net.Sockets;

namespace Vty.Ssh.Server.Listener;

/// <summary>
/// Accepts connections through one reusable <see cref="SocketAsyncEventArgs"/>, reporting failures
/// as a <see cref="SocketError"/> instead of throwing: closing the listening socket is how a
/// listener stops, and that must not cost an exception. One accept at a time.
/// </summary>
internal sealed class SocketAccept : IDisposable
{
    private readonly SocketAsyncEventArgs _args = new();
    private TaskCompletionSource<(Socket?, SocketError)>? _pending;

    public SocketAccept() => _args.Completed += (_, args) => Finish(args);

    /// <summary>The next connection, or null with the reason (OperationAborted once the listener is closed).</summary>
    public Task<(Socket? Client, SocketError Error)> NextAsync(Socket listener)
    {
        _args.AcceptSocket = null;
        var pending = new TaskCompletionSource<(Socket?, SocketError)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending = pending;
        bool completesLater;
        try
        {
            completesLater = listener.AcceptAsync(_args);
        }
        catch (ObjectDisposedException)
        {
            return Task.FromResult<(Socket?, SocketError)>((null, SocketError.OperationAborted));
        }
        if (!completesLater) Finish(_args);
        return pending.Task;
    }

    private void Finish(SocketAsyncEventArgs args)
    {
        Socket? client = args.SocketError == SocketError.Success ? args.AcceptSocket : null;
        if (client is null) args.AcceptSocket?.Dispose();
        _pending!.TrySetResult((client, args.SocketError));
    }

    public void Dispose() => _args.Dispose();
}
