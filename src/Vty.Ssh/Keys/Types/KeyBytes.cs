using System.Numerics;

namespace Vty.Ssh.Keys.Types;

/// <summary>Byte helpers for moving key numbers between SSH mpints and .NET's fixed-size parameters.</summary>
internal static class KeyBytes
{
    /// <summary>Left-pads an unsigned big-endian number with zeros to exactly <paramref name="length"/> bytes.</summary>
    public static byte[] PadLeft(ReadOnlySpan<byte> magnitude, int length)
    {
        int start = 0;
        while (start < magnitude.Length && magnitude[start] == 0) start++;
        ReadOnlySpan<byte> trimmed = magnitude[start..];
        if (trimmed.Length > length)
            throw new SshKeyException($"key number of {trimmed.Length} bytes does not fit the expected {length} bytes");
        byte[] result = new byte[length];
        trimmed.CopyTo(result.AsSpan(length - trimmed.Length));
        return result;
    }

    /// <summary>Unsigned big-endian magnitude of a non-negative number.</summary>
    public static byte[] ToBytes(BigInteger value) => value.ToByteArray(isUnsigned: true, isBigEndian: true);

    public static BigInteger FromBytes(ReadOnlySpan<byte> magnitude) => new(magnitude, isUnsigned: true, isBigEndian: true);
}
