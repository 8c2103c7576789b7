using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Vty.Ssh.Wire;

/// <summary>
/// Builds SSH wire-format data (RFC 4251 §5: byte, boolean, uint32, uint64, string, mpint, name-list)
/// into a growable buffer rented from the shared array pool. Dispose returns the buffer.
/// </summary>
public sealed class SshWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with at least <paramref name="initialCapacity"/> bytes of room.</summary>
    public SshWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, initialCapacity));
    }

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far; valid until the next write or Dispose.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far; valid until the next write or Dispose.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => _length = 0;

    public void WriteByte(byte value) => GetSpan(1)[0] = value;

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(GetSpan(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(GetSpan(8), value);

    /// <summary>Raw bytes with no length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> data) => data.CopyTo(GetSpan(data.Length));

    /// <summary>An SSH string: uint32 length then the bytes.</summary>
    public void WriteString(ReadOnlySpan<byte> data)
    {
        WriteUInt32((uint)data.Length);
        WriteRaw(data);
    }

    /// <summary>An SSH string holding UTF-8 text.</summary>
    public void WriteString(string text)
    {
        int count = Encoding.UTF8.GetByteCount(text);
        WriteUInt32((uint)count);
        Encoding.UTF8.GetBytes(text, GetSpan(count));
    }

    /// <summary>A name-list: comma-separated ASCII names as an SSH string.</summary>
    public void WriteNameList(IEnumerable<string> names) => WriteString(string.Join(',', names));

    /// <summary>
    /// An mpint from an unsigned big-endian magnitude (leading zeros are stripped and a zero byte
    /// is added when the high bit is set, as RFC 4251 requires for positive numbers).
    /// </summary>
    public void WriteMPInt(ReadOnlySpan<byte> unsignedBigEndian)
    {
        int i = 0;
        while (i < unsignedBigEndian.Length && unsignedBigEndian[i] == 0) i++;
        ReadOnlySpan<byte> magnitude = unsignedBigEndian[i..];
        if (magnitude.Length == 0)
        {
            WriteUInt32(0);
            return;
        }
        bool pad = (magnitude[0] & 0x80) != 0;
        WriteUInt32((uint)(magnitude.Length + (pad ? 1 : 0)));
        if (pad) WriteByte(0);
        WriteRaw(magnitude);
    }

    /// <summary>An mpint from a BigInteger (negative values use two's complement, per RFC 4251).</summary>
    public void WriteMPInt(BigInteger value)
    {
        if (value.IsZero)
        {
            WriteUInt32(0);
            return;
        }
        int count = value.GetByteCount(isUnsigned: false);
        WriteUInt32((uint)count);
        value.TryWriteBytes(GetSpan(count), out _, isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Reserves <paramref name="size"/> bytes at the end, advances past them and returns them.</summary>
    public Span<byte> GetSpan(int size)
    {
        EnsureCapacity(size);
        Span<byte> span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        int newSize = Math.Max(_buffer.Length * 2, _length + extra);
        byte[] bigger = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = bigger;
    }

    /// <summary>Returns the buffer to the pool, cleared, since it may have held key material.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = [];
        _length = 0;
    }
}
