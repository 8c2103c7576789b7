using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Vty.Ssh.Keys.Crypto;

namespace Vty.Ssh.Tests.Keys;

public class BcryptPbkdfTests
{
    [Theory]   // Eric Young's Blowfish vectors: key, plaintext, ciphertext
    [InlineData("0000000000000000", "0000000000000000", "4ef997456198dd78")]
    [InlineData("ffffffffffffffff", "ffffffffffffffff", "51866fd5b85ecb8a")]
    [InlineData("0123456789abcdef", "1111111111111111", "61f9c3802281b096")]
    public void Blowfish_core_matches_published_vectors(string key, string plain, string cipher)
    {
        var state = new BlowfishState();
        state.Expand0(Convert.FromHexString(key));
        byte[] block = Convert.FromHexString(plain);
        uint left = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block);
        uint right = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(4));
        state.Encrypt(ref left, ref right);
        Assert.Equal(cipher, left.ToString("x8") + right.ToString("x8"));
    }

    [Fact]
    public void Blowfish_core_matches_bouncycastle_for_long_keys()
    {
        byte[] key = Enumerable.Range(0, 56).Select(i => (byte)(i * 7 + 3)).ToArray();
        var engine = new BlowfishEngine();
        engine.Init(true, new KeyParameter(key));
        byte[] expected = new byte[8];
        engine.ProcessBlock(Convert.FromHexString("fedcba9876543210"), 0, expected, 0);

        var state = new BlowfishState();
        state.Expand0(key);
        uint left = 0xfedcba98, right = 0x76543210;
        state.Encrypt(ref left, ref right);
        Assert.Equal(Convert.ToHexStringLower(expected), left.ToString("x8") + right.ToString("x8"));
    }

    [Fact]
    public void Derivation_depends_on_every_input_and_spreads_output()
    {
        byte[] salt = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        byte[] a = BcryptPbkdf.DeriveKey("password"u8, salt, 4, 48);
        Assert.Equal(a, BcryptPbkdf.DeriveKey("password"u8, salt, 4, 48));
        Assert.NotEqual(a, BcryptPbkdf.DeriveKey("passwore"u8, salt, 4, 48));
        Assert.NotEqual(a, BcryptPbkdf.DeriveKey("password"u8, salt, 5, 48));
        salt[0] ^= 1;
        Assert.NotEqual(a, BcryptPbkdf.DeriveKey("password"u8, salt, 4, 48));
        salt[0] ^= 1;
        // With a 48-byte key the stride is 2: even bytes come from block 1, odd bytes from block 2,
        // so the first 16 bytes of a 32-byte derivation (stride 1) share nothing in layout.
        byte[] shortKey = BcryptPbkdf.DeriveKey("password"u8, salt, 4, 32);
        for (int i = 0; i < 16; i++) Assert.Equal(shortKey[i], a[2 * i]);
    }
}
