using System.Buffers.Binary;
using Vty.Ssh.Connection;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Sftp.Client;

/// <summary>
/// The request/reply engine under <see cref="SftpClient"/>: numbers requests, writes each packet
/// whole under one lock, and one read loop hands every reply to the request waiting for its id, so
/// any number of requests can be in flight. Runs over any pair of streams (an SSH channel, a pipe).
/// Over an SSH channel there is no read loop of its own: after the handshake the session takes the
/// channel's data on the connection's read loop (<see cref="IChannelDataSink"/>), assembles replies
/// straight from the decrypted packets and completes their requests there, so a reply costs no
/// wake-up and no thread hop; bulk transfers (inline replies) continue on that thread too.
/// </summary>
internal sealed class SftpSession : IAsyncDisposable, IChannelDataSink
{
    private readonly Stream _output;
    private readonly SftpFrameReader _reader;
    // Set when the input is an SSH channel's data: replies are then pushed in by the channel.
    private readonly SshChannel? _channel;
    private readonly SftpFrameAssembler _assembler;
    // Set (on the read loop) once pushed data was broken: the rest is dropped, the session has failed.
    private bool _sinkBroken;
    private const int MaxPooledReplies = 1024;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<uint, SftpPendingReply> _pending = new();
    private readonly Stack<SftpPendingReply> _pool = new();
    private readonly Timer _sweep;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _timeout;
    private Task? _readLoop;
    private Exception? _failure;
    private int _nextId;

    public SftpSession(Stream input, Stream output, TimeSpan timeout, int maxPacketLength)
    {
        _output = output;
        _reader = new SftpFrameReader(input, maxPacketLength);
        _assembler = new SftpFrameAssembler(maxPacketLength);
        if (input is SshChannelStream { CanRead: true, ReadsStandardError: false } channelStream) _channel = channelStream.Channel;
        _timeout = timeout;
        TimeSpan period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _sweep = new Timer(static state => ((SftpSession)state!).SweepTimeouts(), this, period, period);
    }

    /// <summary>The reason the session ended, once it has.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_lock) return _failure;
        }
    }

    /// <summary>Sends INIT, reads VERSION, then starts the read loop.</summary>
    public async Task<(uint Version, Dictionary<string, string> Extensions)> HandshakeAsync(CancellationToken ct)
    {
        using (var init = new SftpPacketBuilder(SftpPacketType.Init))
        {
            init.WriteUInt32(3);
            await WriteAsync(init.Complete(), ct);
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(_timeout);
        SftpFrame? frame;
        try
        {
            frame = await _reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SshTimeoutException($"the SFTP server sent no version within {_timeout.TotalSeconds:0.#}s; is the subsystem really SFTP?");
        }
        if (frame is not { } version)
            throw new SftpProtocolException("the SFTP server closed the stream before sending its version");
        try
        {
            if (version.Type != SftpPacketType.Version)
                throw new SftpProtocolException($"the SFTP server answered INIT with packet type {version.Type} instead of VERSION; is the subsystem really SFTP?");
            var reader = new Wire.SshReader(version.Body);
            uint number = reader.ReadUInt32();
            var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
            while (!reader.AtEnd)
            {
                string name = reader.ReadString();
                extensions[name] = reader.ReadString();
            }
            if (_channel != null)
            {
                // Nothing should follow VERSION before our first request; whatever did goes first.
                ((IChannelDataSink)this).OnData(_reader.TakeBuffered());
                await _channel.DivertDataAsync(this, ct);
            }
            else
            {
                _readLoop = Task.Run(() => ReadLoopAsync(_stop.Token), CancellationToken.None);
            }
            return (number, extensions);
        }
        finally
        {
            version.Release();
        }
    }

    public uint NextId() => (uint)Interlocked.Increment(ref _nextId);

    /// <summary>Sends a complete request packet (built with id <paramref name="id"/>) and returns its reply.</summary>
    public async ValueTask<SftpFrame> RequestAsync(uint id, ReadOnlyMemory<byte> packet, string operation, CancellationToken ct)
    {
        ValueTask<SftpFrame> reply = Expect(id, operation, inline: false, ct);
        try
        {
            await SendAsync(packet, ct);
        }
        catch
        {
            // The session has failed (a cut packet ends it), which fails the reply too; observe it.
            try { (await reply).Release(); } catch (Exception e) when (e is SshException or OperationCanceledException) { }
            throw;
        }
        return await reply;
    }

    /// <summary>
    /// Registers the wait for the reply to request <paramref name="id"/>; send the request after
    /// (alone or batched with others, <see cref="SendAsync"/>). The returned task must be awaited
    /// exactly once. A reply that does not come within the operation timeout fails with
    /// <see cref="SshTimeoutException"/>; if the session fails, so does the reply.
    /// </summary>
    public ValueTask<SftpFrame> Expect(uint id, string operation, bool inline, CancellationToken ct)
    {
        SftpPendingReply reply;
        lock (_lock) reply = _pool.Count > 0 ? _pool.Pop() : new SftpPendingReply();
        ValueTask<SftpFrame> task = reply.Task;
        // Set up before it is visible to the read loop and the sweep.
        reply.Start(this, id, operation, Environment.TickCount64 + (long)_timeout.TotalMilliseconds, inline);
        Exception? failed;
        lock (_lock)
        {
            failed = _failure;
            if (failed == null) _pending[id] = reply;
        }
        if (failed != null)
        {
            if (reply.TryClaim()) reply.Fail(failed);
        }
        else
        {
            reply.WatchCancellation(ct);
        }
        return task;
    }

    /// <summary>Sends one or more complete request packets in one write.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> packets, CancellationToken ct) => WriteAsync(packets, ct);

    /// <summary>Called by a reply that was cancelled: nobody waits for it any more.</summary>
    internal void Forget(SftpPendingReply reply)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(reply.Id, out var current) && current == reply) _pending.Remove(reply.Id);
        }
    }

    internal void Recycle(SftpPendingReply reply)
    {
        lock (_lock)
        {
            if (_pool.Count < MaxPooledReplies) _pool.Push(reply);
        }
    }

    /// <summary>One sweep for all requests instead of a timer each: fails the replies past their deadline.</summary>
    private void SweepTimeouts()
    {
        long now = Environment.TickCount64;
        List<SftpPendingReply>? expired = null;
        lock (_lock)
        {
            List<uint>? late = null;
            foreach (SftpPendingReply reply in _pending.Values)
                if (reply.Deadline <= now) (late ??= []).Add(reply.Id);
            if (late == null) return;
            foreach (uint id in late)
            {
                // Claimed under the lock so nobody can complete (and recycle) it before it is failed below.
                if (_pending.Remove(id, out var reply) && reply.TryClaim()) (expired ??= []).Add(reply);
            }
        }
        if (expired == null) return;
        foreach (SftpPendingReply reply in expired)
            reply.Fail(new SshTimeoutException($"the SFTP server did not answer {reply.Operation} within {_timeout.TotalSeconds:0.#}s; raise the SFTP operation timeout if the server is slow"));
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> packet, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            ThrowIfFailed();
            await _output.WriteAsync(packet, ct);
        }
        catch (Exception e)
        {
            // A packet cut part way leaves the stream unusable, whatever the reason.
            Fail(e is OperationCanceledException
                ? new SftpSessionClosedException("a request was cancelled while being sent, which ends the SFTP session", e)
                : new SftpSessionClosedException($"the SFTP session broke while sending: {e.Message}", e));
            if (e is OperationCanceledException) throw;
            throw Failure!;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                SftpFrame? next = await _reader.ReadAsync(ct);
                if (next is not { } frame)
                {
                    Fail(new SftpSessionClosedException("the SFTP server closed the session"));
                    return;
                }
                Dispatch(frame);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Fail(new SftpSessionClosedException("the SFTP session was closed"));
        }
        catch (Exception e)
        {
            Fail(e is SftpProtocolException ? e : new SftpSessionClosedException($"the SFTP session broke: {e.Message}", e));
        }
    }

    /// <summary>Hands a reply to the request waiting for its id (it may continue on this thread); drops it when nobody waits.</summary>
    private void Dispatch(SftpFrame frame)
    {
        if (frame.Length < 5)
        {
            frame.Release();
            throw new SftpProtocolException($"an SFTP reply of type {frame.Type} has no request id");
        }
        uint id = BinaryPrimitives.ReadUInt32BigEndian(frame.Body);
        SftpPendingReply? waiter;
        lock (_lock)
        {
            if (_pending.Remove(id, out waiter) && !waiter.TryClaim()) waiter = null;
        }
        if (waiter != null) waiter.Complete(frame);
        else frame.Release();
    }

    void IChannelDataSink.OnData(ReadOnlySpan<byte> data)
    {
        if (_sinkBroken) return;
        try
        {
            while (!data.IsEmpty)
            {
                if (_assembler.TryTake(ref data, out SftpFrame frame)) Dispatch(frame);
            }
        }
        catch (Exception e)
        {
            // Called on the connection's read loop: the connection and its other channels go on.
            _sinkBroken = true;
            Fail(e is SftpProtocolException ? e : new SftpSessionClosedException($"the SFTP session broke: {e.Message}", e));
        }
    }

    void IChannelDataSink.OnEnd(Exception? error) =>
        Fail(error == null
            ? new SftpSessionClosedException("the SFTP server closed the session")
            : new SftpSessionClosedException($"the SFTP session broke: {error.Message}", error));

    private void Fail(Exception reason)
    {
        List<SftpPendingReply> waiters = [];
        Exception failure;
        lock (_lock)
        {
            _failure ??= reason;
            failure = _failure;
            foreach (SftpPendingReply waiter in _pending.Values)
                if (waiter.TryClaim()) waiters.Add(waiter);
            _pending.Clear();
        }
        foreach (SftpPendingReply waiter in waiters) waiter.Fail(failure);
    }

    private void ThrowIfFailed()
    {
        if (Failure is { } failure) throw failure;
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new SftpSessionClosedException("the SFTP client was disposed"));
        await _sweep.DisposeAsync();
        await _stop.CancelAsync();
        if (_readLoop != null)
        {
            try { await _readLoop.WaitAsync(TimeSpan.FromSeconds(5)); }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}
