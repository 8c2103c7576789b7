using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vty.Ssh.Keys.Crypto;

/// <summary>
/// Blowfish with the key-schedule operations bcrypt needs ("eksblowfish"): expanding the state
/// with a key and a salt, and the salt-less expansion. The standard Blowfish key setup is
/// <see cref="Expand0"/> on a fresh state. The four S-boxes live in one 1024-word array.
/// </summary>
internal sealed class BlowfishState
{
    private readonly uint[] _p = new uint[18];
    private readonly uint[] _s = new uint[1024];

    public BlowfishState()
    {
        BlowfishConstants.P.CopyTo(_p, 0);
        BlowfishConstants.S0.CopyTo(_s, 0);
        BlowfishConstants.S1.CopyTo(_s, 256);
        BlowfishConstants.S2.CopyTo(_s, 512);
        BlowfishConstants.S3.CopyTo(_s, 768);
    }

    /// <summary>Encrypts one 64-bit block given as two big-endian halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Encrypt(ref uint left, ref uint right)
    {
        ref uint p = ref MemoryMarshal.GetArrayDataReference(_p);
        ref uint s = ref MemoryMarshal.GetArrayDataReference(_s);
        uint l = left, r = right;
        for (int i = 0; i < 16; i += 2)
        {
            l ^= Unsafe.Add(ref p, i);
            r ^= F(ref s, l) ^ Unsafe.Add(ref p, i + 1);
            l ^= F(ref s, r);
        }
        left = r ^ Unsafe.Add(ref p, 17);
        right = l ^ Unsafe.Add(ref p, 16);
    }

    /// <summary>Mixes a key and a salt into the state (bcrypt's Blowfish_expandstate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Expand(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key)
    {
        XorKey(key);
        int j = 0;
        uint l = 0, r = 0;
        for (int i = 0; i < 18; i += 2)
        {
            l ^= NextWord(data, ref j);
            r ^= NextWord(data, ref j);
            Encrypt(ref l, ref r);
            _p[i] = l;
            _p[i + 1] = r;
        }
        for (int k = 0; k < 1024; k += 2)
        {
            l ^= NextWord(data, ref j);
            r ^= NextWord(data, ref j);
            Encrypt(ref l, ref r);
            _s[k] = l;
            _s[k + 1] = r;
        }
    }

    /// <summary>Mixes a key into the state with no salt (Blowfish_expand0state; also the standard key setup).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Expand0(ReadOnlySpan<byte> key)
    {
        XorKey(key);
        uint l = 0, r = 0;
        for (int i = 0; i < 18; i += 2)
        {
            Encrypt(ref l, ref r);
            _p[i] = l;
            _p[i + 1] = r;
        }
        for (int k = 0; k < 1024; k += 2)
        {
            Encrypt(ref l, ref r);
            _s[k] = l;
            _s[k + 1] = r;
        }
    }

    /// <summary>Overwrites the state (it is derived from a passphrase).</summary>
    public void Clear()
    {
        Array.Clear(_p);
        Array.Clear(_s);
    }

    private void XorKey(ReadOnlySpan<byte> key)
    {
        int j = 0;
        for (int i = 0; i < 18; i++) _p[i] ^= NextWord(key, ref j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint F(ref uint s, uint x) =>
        ((Unsafe.Add(ref s, (int)(x >> 24)) + Unsafe.Add(ref s, 256 + (int)((x >> 16) & 0xFF)))
            ^ Unsafe.Add(ref s, 512 + (int)((x >> 8) & 0xFF)))
        + Unsafe.Add(ref s, 768 + (int)(x & 0xFF));

    // Big-endian words taken cyclically from the data, as bcrypt's Blowfish_stream2word does.
    private static uint NextWord(ReadOnlySpan<byte> data, ref int position)
    {
        uint word = 0;
        for (int i = 0; i < 4; i++)
        {
            if (position >= data.Length) position = 0;
            word = (word << 8) | data[position++];
        }
        return word;
    }
}
