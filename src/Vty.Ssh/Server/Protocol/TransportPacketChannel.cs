using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Vty.Ssh.Transport;

namespace Vty.Ssh.Server.Protocol;

/// <summary>
/// Turns the transport's push model (a handler called on its read loop) into the pull model the
/// server's auth and connection layers use. Messages are copied into pooled buffers and queued so
/// the read loop never waits for the server's logic: that way a key exchange (handled on the read
/// loop) always progresses even while the server waits to send. The queue is bounded in bytes;
/// a client that floods it beyond what its channel windows allow is disconnected. Until the client
/// has authenticated, both the queue and the transport's packet size are held to small limits (a
/// client that has not logged in has nothing to send but a few small auth messages), so an
/// unauthenticated connection costs little memory whatever it sends.
/// </summary>
internal sealed class TransportPacketChannel : IServerPacketChannel
{
    /// <summary>Most bytes queued at once; far above what windows let an honest client have in flight.</summary>
    public const long MaxQueuedBytes = 16L * 1024 * 1024;

    /// <summary>Most bytes queued before authentication: a few auth requests, each under 35000 bytes.</summary>
    public const long PreAuthenticationMaxQueuedBytes = 128 * 1024;

    private readonly SshTransport _transport;
    private readonly Channel<(byte[] Buffer, int Length)> _queue =
        Channel.CreateUnbounded<(byte[], int)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private long _queuedBytes;
    private long _queueLimit = PreAuthenticationMaxQueuedBytes;
    private byte[]? _current;
    private Exception? _end;

    public TransportPacketChannel(SshTransport transport)
    {
        _transport = transport;
        transport.MessageHandler = OnMessageAsync;
        transport.MaxIncomingPacketLength = SshPacketReader.PreAuthenticationMaxPacketLength;
        // The queue completes without an error (a reader waiting on it then ends without a throw);
        // the reason is kept for ReceiveAsync and EndReason.
        _ = transport.Completion.ContinueWith(t =>
            {
                Volatile.Write(ref _end, t.Exception?.InnerException ?? new SshDisconnectedException("the client closed the connection"));
                _queue.Writer.TryComplete();
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // The transport's fault is there at once; the queue learns of the end a moment later.
    public Exception? EndReason => Volatile.Read(ref _end) ?? _transport.Fault;

    public ReadOnlyMemory<byte> SessionId => _transport.SessionId;

    private ValueTask OnMessageAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        long limit = Volatile.Read(ref _queueLimit);
        if (Interlocked.Add(ref _queuedBytes, payload.Length) > limit)
            throw new SshProtocolException($"the client sent more than {limit / 1024} KiB the server has not processed yet (flooding{(limit < MaxQueuedBytes ? " before authenticating" : "")})");
        byte[] buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.Span.CopyTo(buffer);
        if (!_queue.Writer.TryWrite((buffer, payload.Length)))
            ArrayPool<byte>.Shared.Return(buffer);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> payload = await ReceiveOrEndAsync(cancellationToken).ConfigureAwait(false);
        if (payload.IsEmpty)
        {
            Exception? end = EndReason;
            throw end as SshException ?? new SshDisconnectedException("the connection is closed", inner: end);
        }
        return payload;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveOrEndAsync(CancellationToken cancellationToken)
    {
        ReleaseCurrent();
        (byte[] Buffer, int Length) item;
        while (!_queue.Reader.TryRead(out item))
        {
            if (!await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                return ReadOnlyMemory<byte>.Empty;
        }
        Interlocked.Add(ref _queuedBytes, -item.Length);
        _current = item.Buffer;
        return item.Buffer.AsMemory(0, item.Length);
    }

    /// <summary>The client has authenticated: lift the pre-authentication packet and queue limits.</summary>
    public void Authenticated()
    {
        Volatile.Write(ref _queueLimit, MaxQueuedBytes);
        _transport.MaxIncomingPacketLength = SshPacketReader.MaxPacketLength;
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => _transport.SendAsync(payload, cancellationToken);

    public ValueTask SendManyAsync(ReadOnlyMemory<byte>[] payloads, int count, CancellationToken cancellationToken) =>
        _transport.SendManyAsync(payloads, count, cancellationToken);

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
