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

    public ReadOnlyMemory<byte> SessionId { get; init; } = new byte[32];

    public (SshDisconnectReason Reason, string Description)? Disconnected { get; private set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
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
