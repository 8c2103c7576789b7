using System.Buffers;
using System.Threading.Channels;
using Vty.Ssh.Transport;

namespace Vty.Ssh.Server.Protocol;

/// <summary>
/// Turns the transport's push model (a handler called on its read loop) into the pull model the
/// server's auth and connection layers use. Messages are copied into pooled buffers and queued so
/// the read loop never waits for the server's logic: that way a key exchange (handled on the read
/// loop) always progresses even while the server waits to send. The queue is bounded in bytes;
/// a client that floods it beyond what its channel windows allow is disconnected.
/// </summary>
internal sealed class TransportPacketChannel : IServerPacketChannel
{
    /// <summary>Most bytes queued at once; far above what windows let an honest client have in flight.</summary>
    public const long MaxQueuedBytes = 16L * 1024 * 1024;

    private readonly SshTransport _transport;
    private readonly Channel<(byte[] Buffer, int Length)> _queue =
        Channel.CreateUnbounded<(byte[], int)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private long _queuedBytes;
    private byte[]? _current;

    public TransportPacketChannel(SshTransport transport)
    {
        _transport = transport;
        transport.MessageHandler = OnMessageAsync;
        _ = transport.Completion.ContinueWith(t => _queue.Writer.TryComplete(
            t.Exception?.InnerException ?? new SshDisconnectedException("the client closed the connection")),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public ReadOnlyMemory<byte> SessionId => _transport.SessionId;

    private ValueTask OnMessageAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (Interlocked.Add(ref _queuedBytes, payload.Length) > MaxQueuedBytes)
            throw new SshProtocolException($"the client sent more than {MaxQueuedBytes / (1024 * 1024)} MiB the server has not processed yet (flooding)");
        byte[] buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.Span.CopyTo(buffer);
        if (!_queue.Writer.TryWrite((buffer, payload.Length)))
            ArrayPool<byte>.Shared.Return(buffer);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        ReleaseCurrent();
        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw ex.InnerException as SshException ?? new SshDisconnectedException("the connection is closed", inner: ex.InnerException ?? ex);
        }
        Interlocked.Add(ref _queuedBytes, -length);
        _current = buffer;
        return buffer.AsMemory(0, length);
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => _transport.SendAsync(payload, cancellationToken);

    public Task DisconnectAsync(SshDisconnectReason reason, string description, CancellationToken cancellationToken) =>
        _transport.DisconnectAsync(reason, description, cancellationToken);

    /// <summary>Returns every queued buffer to the pool (the connection is over).</summary>
    public void Release()
    {
        ReleaseCurrent();
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var item)) ArrayPool<byte>.Shared.Return(item.Buffer);
    }

    private void ReleaseCurrent()
    {
        if (_current is { } previous)
        {
            _current = null;
            ArrayPool<byte>.Shared.Return(previous);
        }
    }
}
