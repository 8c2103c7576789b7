using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vty.Telnet.Protocol;

namespace Vty.Telnet.Session;

// Sending. Every write goes through _writeLock, and queued control bytes (negotiation answers)
// are flushed inside it before data, so control and data leave in the order they were produced.
internal sealed partial class TelnetSession
{
    // Past this much unsent control (a peer storming us while not reading) the pump waits for the
    // send lock instead of reading on, so memory stays bounded.
    private const int MaxPendingControl = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _pendingControl = new(64);

    // Called with _gate held.
    private void QueueControl(ReadOnlySpan<byte> bytes) => _pendingControl.Write(bytes);

    private int PendingControlLength
    {
        get
        {
            lock (_gate)
            {
                return _pendingControl.WrittenCount;
            }
        }
    }

    /// <summary>Sends queued negotiation bytes and raises queued events.</summary>
    public async Task FlushControlAsync(CancellationToken cancellationToken)
    {
        RaiseNotifications();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WritePendingControlAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReleaseWriteLock();
        }
    }

    /// <summary>
    /// Sends queued control bytes without waiting: if a write holds the send lock, its holder sends
    /// them when it releases the lock. The receive pump uses this so it never waits behind a large
    /// write, which would deadlock against a peer that echoes while we write.
    /// </summary>
    private void KickControlFlush()
    {
        if (PendingControlLength == 0 || Volatile.Read(ref _disposed) != 0 || !_writeLock.Wait(0))
        {
            return;
        }

        _ = FlushWithHeldLockAsync();
    }

    private async Task FlushWithHeldLockAsync()
    {
        try
        {
            await WritePendingControlAsync(_lifetimeToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TelnetException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is going away; the receive pump reports that to the reader.
            LogControlSendFailed(_logger, RemoteEndPoint, ex.Message);
        }
        finally
        {
            ReleaseWriteLock();
        }
    }

    // Whoever queues control bytes tries to flush after queueing; whoever holds the lock checks
    // again after releasing it. Between the two, no queued byte is left behind.
    private void ReleaseWriteLock()
    {
        _writeLock.Release();
        KickControlFlush();
    }

    /// <summary>Sends application data: IAC doubled, bare CR as CR NUL unless we send BINARY.</summary>
    public async ValueTask WriteDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var binary = IsLocalEnabled(TelnetOption.Binary);
        var buffer = ArrayPool<byte>.Shared.Rent(TelnetEncoder.MaxEncodedLength(Math.Min(data.Length, 16384)));
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WritePendingControlAsync(cancellationToken).ConfigureAwait(false);
            var remaining = data;
            while (!remaining.IsEmpty)
            {
                var part = remaining[..Math.Min(remaining.Length, 16384)];
                remaining = remaining[part.Length..];
                var length = TelnetEncoder.Encode(part.Span, buffer, binary);
                await SendAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);

                // Negotiation answers produced meanwhile go out between parts, not after the whole write.
                await WritePendingControlAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ReleaseWriteLock();
        }
    }

    /// <summary>Sends IAC and a command such as AYT, IP or BRK.</summary>
    public async Task SendCommandAsync(TelnetCommand command, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WritePendingControlAsync(cancellationToken).ConfigureAwait(false);
            await SendAsync(new byte[] { TelnetBytes.Iac, (byte)command }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReleaseWriteLock();
        }
    }

    /// <summary>Sends a Synch: IAC DM with the DM byte as TCP urgent data (RFC 854).</summary>
    public async Task SendSynchAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WritePendingControlAsync(cancellationToken).ConfigureAwait(false);
            await SendAsync(new byte[] { TelnetBytes.Iac }, cancellationToken).ConfigureAwait(false);
            await _socket.SendAsync(new byte[] { (byte)TelnetCommand.DataMark }, SocketFlags.OutOfBand, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new TelnetConnectionException($"Sending to {RemoteEndPoint} failed: {ex.Message}", ex);
        }
        finally
        {
            ReleaseWriteLock();
        }
    }

    // Called with _writeLock held.
    private async ValueTask WritePendingControlAsync(CancellationToken cancellationToken)
    {
        byte[] control;
        lock (_gate)
        {
            if (_pendingControl.WrittenCount == 0)
            {
                return;
            }

            control = _pendingControl.WrittenSpan.ToArray();
            _pendingControl.ResetWrittenCount();
        }

        await SendAsync(control, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await _network.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            throw new TelnetConnectionException($"Sending to {RemoteEndPoint} failed: {ex.Message}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet peer {RemoteEndPoint}: sending negotiation failed: {Reason}")]
    private static partial void LogControlSendFailed(ILogger logger, EndPoint remoteEndPoint, string reason);
}
