using System.Buffers;
using System.Net.Sockets;
using Vty.Telnet.Protocol;

namespace Vty.Telnet.Session;

// Sending. Every write goes through _writeLock, and queued control bytes (negotiation answers)
// are flushed inside it before data, so control and data leave in the order they were produced.
internal sealed partial class TelnetSession
{
    private readonly ArrayBufferWriter<byte> _pendingControl = new(64);

    // Called with _gate held.
    private void QueueControl(ReadOnlySpan<byte> bytes) => _pendingControl.Write(bytes);

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
            _writeLock.Release();
        }
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
            }
        }
        finally
        {
            _writeLock.Release();
            ArrayPool<byte>.Shared.Return(buffer);
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
            _writeLock.Release();
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
            _writeLock.Release();
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
}
