using System.Buffers;
using System.Buffers.Binary;

namespace Vty.Ssh.Sftp.Protocol;

/// <summary>
/// Splits a byte stream into SFTP packets. Reads ahead into one buffer so small packets cost one
/// stream read for many; a packet longer than the limit is a protocol error, so a peer cannot make
/// us allocate without bound.
/// </summary>
internal sealed class SftpFrameReader(Stream input, int maxPacketLength)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public int MaxPacketLength { get; } = maxPacketLength;

    /// <summary>The next packet (type and body, without the length) in a pooled buffer, or null at a clean end of stream.</summary>
    public async ValueTask<SftpFrame?> ReadAsync(CancellationToken ct)
    {
        if (!await FillAsync(4, allowEnd: true, ct)) return null;
        uint length = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start, 4));
        if (length == 0 || length > (uint)MaxPacketLength)
            throw new SftpProtocolException($"an SFTP packet of {length} bytes is outside the 1..{MaxPacketLength} allowed");
        _start += 4;
        byte[] packet = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            int have = Math.Min(_end - _start, (int)length);
            _buffer.AsSpan(_start, have).CopyTo(packet);
            _start += have;
            while (have < length)
            {
                int n = await input.ReadAsync(packet.AsMemory(have, (int)length - have), ct);
                if (n == 0) throw new SftpProtocolException("the SFTP stream ended inside a packet");
                have += n;
            }
            return new SftpFrame(packet, (int)length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(packet);
            throw;
        }
    }

    /// <summary>Bytes read ahead past the last packet returned, handed over (and dropped here) when someone else takes the stream on.</summary>
    public ReadOnlySpan<byte> TakeBuffered()
    {
        ReadOnlySpan<byte> rest = _buffer.AsSpan(_start, _end - _start);
        _start = _end = 0;
        return rest;
    }

    private async ValueTask<bool> FillAsync(int count, bool allowEnd, CancellationToken ct)
    {
        if (_end - _start >= count) return true;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        while (_end < count)
        {
            int n = await input.ReadAsync(_buffer.AsMemory(_end), ct);
            if (n == 0)
            {
                if (allowEnd && _end == 0) return false;
                throw new SftpProtocolException("the SFTP stream ended inside a packet");
            }
            _end += n;
        }
        return true;
    }
}
