using System.Threading.Channels;
using Vty.Ssh.Server.Protocol;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Server.Support;

/// <summary>
/// Stands in for the transport under the server's auth and connection layers: the test plays the
/// client by queueing payloads and reading what the server sent.
/// </summary>
internal sealed class FakePacketChannel : IServerPacketChannel
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Channel<byte[]> _toServer = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<byte[]> _fromServer = Channel.CreateUnbounded<byte[]>();
    private volatile bool _gone;

    public ReadOnlyMemory<byte> SessionId { get; init; } = new byte[32];

    public (SshDisconnectReason Reason, string Description)? Disconnected { get; private set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // As the real transport: once the client has gone, a send throws.
        if (_gone) throw new SshDisconnectedException("the connection is closed");
        _fromServer.Writer.TryWrite(payload.ToArray());
        return ValueTask.CompletedTask;
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _toServer.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new SshDisconnectedException("the test client closed the connection");
        }
    }

    public Exception? EndReason { get; private set; }

    public async ValueTask<ReadOnlyMemory<byte>> ReceiveOrEndAsync(CancellationToken cancellationToken)
    {
        if (await _toServer.Reader.WaitToReadAsync(cancellationToken) && _toServer.Reader.TryRead(out byte[]? payload))
            return payload;
        EndReason ??= new SshDisconnectedException("the test client closed the connection");
        return ReadOnlyMemory<byte>.Empty;
    }

    public Task DisconnectAsync(SshDisconnectReason reason, string description, CancellationToken cancellationToken)
    {
        Disconnected = (reason, description);
        _fromServer.Writer.TryComplete();
        _toServer.Writer.TryComplete();
        return Task.CompletedTask;
    }

    /// <summary>Queues one client message built by <paramref name="build"/>.</summary>
    public void Send(Action<SshWriter> build)
    {
        using var w = new SshWriter();
        build(w);
        _toServer.Writer.TryWrite(w.ToArray());
    }

    /// <summary>The client hangs up.</summary>
    public void Close() => _toServer.Writer.TryComplete();

    /// <summary>
    /// The client's DISCONNECT arrives while messages it sent before are still queued: the end is
    /// known at once (as the transport's read loop knows it), the queue drains, sends fail.
    /// </summary>
    public void Leave()
    {
        EndReason = new SshDisconnectedException("the server disconnected (reason 11): closed", 11);
        _gone = true;
        _toServer.Writer.TryComplete();
    }

    /// <summary>The next message the server sent; fails the test after <see cref="Timeout"/>.</summary>
    public async Task<byte[]> NextAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            return await _fromServer.Reader.ReadAsync(cts.Token);
        }
        catch (ChannelClosedException)
        {
            throw new Xunit.Sdk.XunitException($"the server sent nothing more; disconnected: {Disconnected}");
        }
    }

    /// <summary>Skips messages until one numbered <paramref name="number"/>.</summary>
    public async Task<byte[]> NextOfTypeAsync(byte number)
    {
        while (true)
        {
            byte[] message = await NextAsync();
            if (message[0] == number) return message;
        }
    }

    /// <summary>True when the server sends nothing for <paramref name="period"/> (nothing is consumed).</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan period)
    {
        using var cts = new CancellationTokenSource(period);
        try
        {
            return !await _fromServer.Reader.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>True when the server has closed its side (after a disconnect).</summary>
    public async Task<bool> WaitClosedAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            while (await _fromServer.Reader.WaitToReadAsync(cts.Token))
                await _fromServer.Reader.ReadAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
