using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Vty.Ssh.Wire;

/// <summary>
/// Reads SSH wire-format data (RFC 4251 §5) from a span. Every read is bounds-checked and a short
/// or malformed buffer raises <see cref="SshWireFormatException"/>, never an IndexOutOfRange.
/// </summary>
public ref struct SshReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public SshReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>True when everything has been read.</summary>
    public readonly bool AtEnd => _position >= _data.Length;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBoolean() => ReadByte() != 0;

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>An SSH string as raw bytes (a view into the underlying buffer).</summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        uint length = ReadUInt32();
        if (length > (uint)Remaining)
            throw new SshWireFormatException($"string length {length} exceeds the {Remaining} bytes left in the message");
        return Take((int)length);
    }

    /// <summary>An SSH string decoded as UTF-8.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadStringBytes());

    /// <summary>A name-list split on commas (empty list for an empty string).</summary>
    public string[] ReadNameList()
    {
        string text = Encoding.ASCII.GetString(ReadStringBytes());
        return text.Length == 0 ? [] : text.Split(',');
    }

    /// <summary>An mpint as a BigInteger (two's complement, big-endian).</summary>
    public BigInteger ReadMPInt()
    {
        ReadOnlySpan<byte> bytes = ReadStringBytes();
        return bytes.Length == 0 ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
    }

    /// <summary>
    /// An mpint that must be non-negative, returned as its unsigned big-endian magnitude without
    /// leading zero bytes.
    /// </summary>
    public ReadOnlySpan<byte> ReadMPIntMagnitude()
    {
        ReadOnlySpan<byte> bytes = ReadStringBytes();
        if (bytes.Length > 0 && (bytes[0] & 0x80) != 0)
            throw new SshWireFormatException("negative mpint where a positive number was expected");
        int i = 0;
        while (i < bytes.Length && bytes[i] == 0) i++;
        return bytes[i..];
    }

    /// <summary>Raw bytes with no length prefix.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count) => Take(count);

    /// <summary>Everything not yet read.</summary>
    public ReadOnlySpan<byte> ReadRemaining() => Take(Remaining);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
            throw new SshWireFormatException($"message truncated: needed {count} more bytes, {Remaining} left");
        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
