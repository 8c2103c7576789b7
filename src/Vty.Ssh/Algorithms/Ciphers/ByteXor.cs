using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vty.Ssh.Algorithms.Ciphers;

/// <summary>Vectorised XOR of a key stream into data, the inner loop of every stream-mode cipher.</summary>
internal static class ByteXor
{
    /// <summary>data[i] ^= keyStream[i] for every byte of <paramref name="data"/>.</summary>
    public static void XorInPlace(Span<byte> data, ReadOnlySpan<byte> keyStream)
    {
        if (keyStream.Length < data.Length)
            throw new ArgumentException("key stream shorter than data", nameof(keyStream));
        int length = data.Length;
        ref byte d = ref MemoryMarshal.GetReference(data);
        ref byte k = ref MemoryMarshal.GetReference(keyStream);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int step = Vector<byte>.Count;
            for (; i <= length - step; i += step)
            {
                Vector<byte> v = Vector.LoadUnsafe(ref d, (nuint)i) ^ Vector.LoadUnsafe(ref k, (nuint)i);
                v.StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i <= length - 8; i += 8)
        {
            ulong x = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref d, i)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref k, i));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i), x);
        }
        for (; i < length; i++)
            Unsafe.Add(ref d, i) ^= Unsafe.Add(ref k, i);
    }
}
