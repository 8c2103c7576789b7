namespace Vty.Ssh.Keys.Crypto;

/// <summary>
/// Blowfish with the key-schedule operations bcrypt needs ("eksblowfish"): expanding the state
/// with a key and a salt, and the salt-less expansion. The standard Blowfish key setup is
/// <see cref="Expand0"/> on a fresh state.
/// </summary>
internal sealed class BlowfishState
{
    private readonly uint[] _p = (uint[])BlowfishConstants.P.Clone();
    private readonly uint[] _s0 = (uint[])BlowfishConstants.S0.Clone();
    private readonly uint[] _s1 = (uint[])BlowfishConstants.S1.Clone();
    private readonly uint[] _s2 = (uint[])BlowfishConstants.S2.Clone();
    private readonly uint[] _s3 = (uint[])BlowfishConstants.S3.Clone();

    /// <summary>Encrypts one 64-bit block given as two big-endian halves.</summary>
    public void Encrypt(ref uint left, ref uint right)
    {
        uint l = left, r = right;
        uint[] p = _p;
        for (int i = 0; i < 16; i += 2)
        {
            l ^= p[i];
            r ^= F(l);
            r ^= p[i + 1];
            l ^= F(r);
        }
        l ^= p[16];
        r ^= p[17];
        left = r;
        right = l;
    }

    /// <summary>Mixes a key and a salt into the state (bcrypt's Blowfish_expandstate).</summary>
    public void Expand(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key)
    {
        int j = 0;
        for (int i = 0; i < 18; i++) _p[i] ^= NextWord(key, ref j);
        j = 0;
        uint l = 0, r = 0;
        for (int i = 0; i < 18; i += 2)
        {
            l ^= NextWord(data, ref j);
            r ^= NextWord(data, ref j);
            Encrypt(ref l, ref r);
            _p[i] = l;
            _p[i + 1] = r;
        }
        foreach (uint[] s in new[] { _s0, _s1, _s2, _s3 })
        {
            for (int k = 0; k < 256; k += 2)
            {
                l ^= NextWord(data, ref j);
                r ^= NextWord(data, ref j);
                Encrypt(ref l, ref r);
                s[k] = l;
                s[k + 1] = r;
            }
        }
    }

    /// <summary>Mixes a key into the state with no salt (Blowfish_expand0state; also the standard key setup).</summary>
    public void Expand0(ReadOnlySpan<byte> key)
    {
        int j = 0;
        for (int i = 0; i < 18; i++) _p[i] ^= NextWord(key, ref j);
        uint l = 0, r = 0;
        for (int i = 0; i < 18; i += 2)
        {
            Encrypt(ref l, ref r);
            _p[i] = l;
            _p[i + 1] = r;
        }
        foreach (uint[] s in new[] { _s0, _s1, _s2, _s3 })
        {
            for (int k = 0; k < 256; k += 2)
            {
                Encrypt(ref l, ref r);
                s[k] = l;
                s[k + 1] = r;
            }
        }
    }

    /// <summary>Overwrites the state (it is derived from a passphrase).</summary>
    public void Clear()
    {
        Array.Clear(_p);
        Array.Clear(_s0);
        Array.Clear(_s1);
        Array.Clear(_s2);
        Array.Clear(_s3);
    }

    private uint F(uint x) => ((_s0[x >> 24] + _s1[(x >> 16) & 0xFF]) ^ _s2[(x >> 8) & 0xFF]) + _s3[x & 0xFF];

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
