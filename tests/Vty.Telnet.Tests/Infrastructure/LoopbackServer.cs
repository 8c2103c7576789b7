using System.Net;

namespace Vty.Telnet.Tests.Infrastructure;

/// <summary>Starts our <see cref="TelnetServer"/> on 127.0.0.1:0 and records the connections its handler got.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TaskCompletionSource<TelnetServerConnection> _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoopbackServer(Func<TelnetServerConnection, CancellationToken, Task> handler, TelnetServerOptions? options = null, IPAddress? address = null)
    {
        Server = new TelnetServer(new IPEndPoint(address ?? IPAddress.Loopback, 0), async (connection, token) =>
        {
            _firstConnection.TrySetResult(connection);
            await handler(connection, token);
        }, options);
        Server.Start();
    }

    public TelnetServer Server { get; }

    public int Port => Server.Port;

    public Task<TelnetServerConnection> FirstConnection => _firstConnection.Task.WaitAsync(Timeouts.Step);

    /// <summary>A handler that echoes every byte back until the client closes.</summary>
    public static async Task EchoAsync(TelnetServerConnection connection, CancellationToken token) =>
        await connection.Stream.CopyToAsync(connection.Stream, token);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
