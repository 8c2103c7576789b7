using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Vty.Ssh.Sftp.Protocol;

/// <summary>
/// Builds SFTP packets (uint32 length, type, body) in a pooled buffer: one, or several back to back
/// (<see cref="Next"/>) so a batch of requests goes out in one channel write. Lengths are filled in
/// as each packet ends. Dispose returns the buffer.
/// </summary>
internal sealed class SftpPacketBuilder : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private int _packetStart;

    public SftpPacketBuilder(byte type, int capacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
        _length = 4;
        _buffer[_length++] = type;
    }

    private SftpPacketBuilder(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
    }

    /// <summary>An empty builder for a batch of requests, each started with <see cref="Next"/>.</summary>
    public static SftpPacketBuilder Batch(int capacity) => new(capacity);

    /// <summary>A packet with a request id right after the type.</summary>
    public SftpPacketBuilder(byte type, uint id, int capacity = 256) : this(type, capacity) => WriteUInt32(id);

    public int Length => _length;

    public void WriteByte(byte value) => Span(1)[0] = value;

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Span(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Span(8), value);

    public void WriteString(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        value.CopyTo(Span(value.Length));
    }

    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> target = Reserve(4 + max);
        int n = Encoding.UTF8.GetBytes(value, target[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(target, (uint)n);
        _length += 4 + n;
    }

    /// <summary>Ends the current packet and starts another with a request id, in the same buffer.</summary>
    public void Next(byte type, uint id)
    {
        if (_length > 0) EndPacket();
        _packetStart = _length;
        Span(4);
        WriteByte(type);
        WriteUInt32(id);
    }

    /// <summary>All packets built so far, length prefixes set, as one buffer.</summary>
    public ReadOnlyMemory<byte> Complete()
    {
        if (_length == 0) return ReadOnlyMemory<byte>.Empty;
        EndPacket();
        return _buffer.AsMemory(0, _length);
    }

    private void EndPacket() => BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_packetStart), (uint)(_length - _packetStart - 4));

    private Span<byte> Span(int size)
    {
        Span<byte> span = Reserve(size)[..size];
        _length += size;
        return span;
    }

    private Span<byte> Reserve(int size)
    {
        if (_length + size > _buffer.Length)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        return _buffer.AsSpan(_length);
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
