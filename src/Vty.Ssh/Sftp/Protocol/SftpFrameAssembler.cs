using System.Buffers;
using System.Buffers.Binary;

namespace Vty.Ssh.Sftp.Protocol;

/// <summary>
/// Builds SFTP packets from a byte stream pushed in pieces of any size (the data of SSH channel
/// packets, which split and join SFTP packets freely): the push counterpart of
/// <see cref="SftpFrameReader"/>. A packet longer than the limit is a protocol error, so a peer
/// cannot make us allocate without bound.
/// </summary>
internal sealed class SftpFrameAssembler(int maxPacketLength)
{
    private readonly byte[] _header = new byte[4];
    private int _headerCount;
    private byte[]? _packet;
    private int _length;
    private int _filled;

    /// <summary>
    /// Takes bytes from the front of <paramref name="data"/> up to the end of one packet; true, with
    /// the packet (in a pooled buffer the receiver releases), once one is complete.
    /// </summary>
    /// <exception cref="SftpProtocolException">The packet's length is outside 1..the limit.</exception>
    public bool TryTake(ref ReadOnlySpan<byte> data, out SftpFrame frame)
    {
        frame = default;
        if (_packet == null)
        {
            uint length;
            if (_headerCount == 0 && data.Length >= 4)
            {
                length = BinaryPrimitives.ReadUInt32BigEndian(data);
                data = data[4..];
            }
            else
            {
                int n = Math.Min(4 - _headerCount, data.Length);
                data[..n].CopyTo(_header.AsSpan(_headerCount));
                _headerCount += n;
                data = data[n..];
                if (_headerCount < 4) return false;
                _headerCount = 0;
                length = BinaryPrimitives.ReadUInt32BigEndian(_header);
            }
            if (length == 0 || length > (uint)maxPacketLength)
                throw new SftpProtocolException($"an SFTP packet of {length} bytes is outside the 1..{maxPacketLength} allowed");
            _packet = ArrayPool<byte>.Shared.Rent((int)length);
            _length = (int)length;
            _filled = 0;
        }
        int take = Math.Min(_length - _filled, data.Length);
        data[..take].CopyTo(_packet.AsSpan(_filled));
        _filled += take;
        data = data[take..];
        if (_filled < _length) return false;
        frame = new SftpFrame(_packet, _length);
        _packet = null;
        return true;
    }
}
