using System.Buffers.Binary;
using System.Collections.Concurrent;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Sftp.Client;

/// <summary>
/// The request/reply engine under <see cref="SftpClient"/>: numbers requests, writes each packet
/// whole under one lock, and one read loop hands every reply to the request waiting for its id, so
/// any number of requests can be in flight. Runs over any pair of streams (an SSH channel, a pipe).
/// </summary>
internal sealed class SftpSession : IAsyncDisposable
{
    private readonly Stream _output;
    private readonly SftpFrameReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<SftpFrame>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _timeout;
    private Task? _readLoop;
    private Exception? _failure;
    private int _nextId;

    public SftpSession(Stream input, Stream output, TimeSpan timeout, int maxPacketLength)
    {
        _output = output;
        _reader = new SftpFrameReader(input, maxPacketLength);
        _timeout = timeout;
    }

    /// <summary>The reason the session ended, once it has.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

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
            _readLoop = Task.Run(() => ReadLoopAsync(_stop.Token), CancellationToken.None);
            return (number, extensions);
        }
        finally
        {
            version.Release();
        }
    }

    public uint NextId() => (uint)Interlocked.Increment(ref _nextId);

    /// <summary>Sends a complete request packet (built with id <paramref name="id"/>) and returns its reply.</summary>
    public async Task<SftpFrame> RequestAsync(uint id, ReadOnlyMemory<byte> packet, string operation, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<SftpFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        ThrowIfFailed();
        _pending[id] = reply;
        bool answered = false;
        try
        {
            await WriteAsync(packet, ct);
            // The read loop may have failed between the check above and the registration.
            if (Volatile.Read(ref _failure) is { } failure) reply.TrySetException(failure);
            SftpFrame frame = await reply.Task.WaitAsync(_timeout, ct);
            answered = true;
            return frame;
        }
        catch (TimeoutException e)
        {
            throw new SshTimeoutException($"the SFTP server did not answer {operation} within {_timeout.TotalSeconds:0.#}s; raise the SFTP operation timeout if the server is slow", e);
        }
        finally
        {
            if (!answered)
            {
                _pending.TryRemove(id, out _);
                // A reply that raced with the give-up is released so its pooled buffer returns.
                if (!reply.TrySetCanceled() && reply.Task.IsCompletedSuccessfully) reply.Task.Result.Release();
            }
        }
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
                if (frame.Length < 5)
                {
                    frame.Release();
                    throw new SftpProtocolException($"an SFTP reply of type {frame.Type} has no request id");
                }
                uint id = BinaryPrimitives.ReadUInt32BigEndian(frame.Body);
                if (!_pending.TryRemove(id, out var waiter) || !waiter.TrySetResult(frame))
                    frame.Release();
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

    private void Fail(Exception reason)
    {
        Interlocked.CompareExchange(ref _failure, reason, null);
        foreach (uint id in _pending.Keys)
            if (_pending.TryRemove(id, out var waiter))
                waiter.TrySetException(_failure!);
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure) throw failure;
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new SftpSessionClosedException("the SFTP client was disposed"));
        await _stop.CancelAsync();
        if (_readLoop != null)
        {
            try { await _readLoop.WaitAsync(TimeSpan.FromSeconds(5)); }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}
