using System.Runtime.CompilerServices;
namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// The NTRU Prime mixed-radix byte encoding of a list of integers 0 &lt;= R[i] &lt; M[i] &lt; 2^14: pairs
/// are merged into one digit of radix M[i]*M[i+1], whose low bytes are written while the combined
/// radix is at least 2^14, and the halved list is encoded the same way until one digit is left.
/// Encoding only multiplies and shifts (its loop counts depend on the radices, never the values);
/// decoding divides and is used on public data only (public keys, ciphertexts).
/// </summary>
internal static class RadixCode
{
    private const uint Limit = 16384;

    /// <summary>Writes the encoding of <paramref name="values"/> and returns how many bytes it took.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Encode(ReadOnlySpan<ushort> values, ReadOnlySpan<ushort> radices, Span<byte> output)
    {
        int n = values.Length;
        int written = 0;
        if (n == 1)
        {
            uint value = values[0];
            uint radix = radices[0];
            while (radix > 1)
            {
                output[written++] = (byte)value;
                value >>= 8;
                radix = (radix + 255) >> 8;
            }
            return written;
        }
        int half = (n + 1) / 2;
        Span<ushort> mergedValues = stackalloc ushort[half];
        Span<ushort> mergedRadices = stackalloc ushort[half];
        for (int i = 0; i + 1 < n; i += 2)
        {
            uint value = values[i] + (uint)values[i + 1] * radices[i];
            uint radix = (uint)radices[i] * radices[i + 1];
            while (radix >= Limit)
            {
                output[written++] = (byte)value;
                value >>= 8;
                radix = (radix + 255) >> 8;
            }
            mergedValues[i / 2] = (ushort)value;
            mergedRadices[i / 2] = (ushort)radix;
        }
        if ((n & 1) != 0)
        {
            mergedValues[half - 1] = values[n - 1];
            mergedRadices[half - 1] = radices[n - 1];
        }
        return written + Encode(mergedValues, mergedRadices, output[written..]);
    }

    /// <summary>
    /// Reads values with the given radices back; returns how many bytes were read. Any input decodes
    /// (every value is reduced below its radix), as the specification requires for ciphertexts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> input, ReadOnlySpan<ushort> radices, Span<ushort> values)
    {
        int n = radices.Length;
        if (n == 1)
        {
            uint radix = radices[0];
            if (radix == 1)
            {
                values[0] = 0;
                return 0;
            }
            if (radix <= 256)
            {
                values[0] = (ushort)(input[0] % radix);
                return 1;
            }
            values[0] = (ushort)((input[0] + ((uint)input[1] << 8)) % radix);
            return 2;
        }
        int half = (n + 1) / 2;
        Span<ushort> mergedRadices = stackalloc ushort[half];
        Span<ushort> mergedValues = stackalloc ushort[half];
        Span<uint> lowBytes = stackalloc uint[n / 2];
        Span<uint> lowScale = stackalloc uint[n / 2];
        int read = 0;
        for (int i = 0; i + 1 < n; i += 2)
        {
            uint radix = (uint)radices[i] * radices[i + 1];
            if (radix > 256 * (Limit - 1))
            {
                // Two bytes were written for this pair.
                lowBytes[i / 2] = input[read] + ((uint)input[read + 1] << 8);
                lowScale[i / 2] = 65536;
                read += 2;
                mergedRadices[i / 2] = (ushort)((((radix + 255) >> 8) + 255) >> 8);
            }
            else if (radix >= Limit)
            {
                lowBytes[i / 2] = input[read];
                lowScale[i / 2] = 256;
                read += 1;
                mergedRadices[i / 2] = (ushort)((radix + 255) >> 8);
            }
            else
            {
                lowBytes[i / 2] = 0;
                lowScale[i / 2] = 1;
                mergedRadices[i / 2] = (ushort)radix;
            }
        }
        if ((n & 1) != 0)
            mergedRadices[half - 1] = radices[n - 1];
        read += Decode(input[read..], mergedRadices, mergedValues);
        for (int i = 0; i + 1 < n; i += 2)
        {
            uint value = lowBytes[i / 2] + lowScale[i / 2] * mergedValues[i / 2];
            values[i] = (ushort)(value % radices[i]);
            // The reduction only matters for inputs no encoder produced.
            values[i + 1] = (ushort)(value / radices[i] % radices[i + 1]);
        }
        if ((n & 1) != 0)
            values[n - 1] = mergedValues[half - 1];
        return read;
    }
}
