using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Vty.Ssh.Algorithms.Kem;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>
/// Our ML-KEM-768 against BouncyCastle's as the oracle, byte for byte: keys from the same seeds
/// (d, z), ciphertexts and secrets from the same message m, and decapsulation of valid, tampered and
/// random ciphertexts (implicit rejection must give BouncyCastle's secret too). Every case runs on
/// both hash back ends (the platform's SHA-3 and BouncyCastle's, the fallback where .NET has none).
/// </summary>
public sealed class MlKem768OracleTests
{
    private const int Rounds = 12;
    private static readonly MLKemParameters Parameters = MLKemParameters.ml_kem_768;

    public static TheoryData<string> HashBackEnds => ["managed", "platform"];

    private static MlKem768 Kem(string backEnd)
    {
        Assert.True(PlatformMlKemHashes.IsSupported, "this platform's .NET has no SHA-3/SHAKE (OpenSSL 1.1.1+ is required on Linux)");
        return new MlKem768(backEnd == "managed" ? new ManagedMlKemHashes() : new PlatformMlKemHashes());
    }

    private static MLKemPrivateKeyParameters OracleKey(byte[] seed) =>
        MLKemPrivateKeyParameters.FromSeed(Parameters, seed).WithPreferredFormat(MLKemPrivateKeyParameters.Format.EncodingOnly);

    [Theory]
    [MemberData(nameof(HashBackEnds))]
    public void Key_generation_from_the_same_seeds_gives_the_oracles_keys(string backEnd)
    {
        MlKem768 kem = Kem(backEnd);
        for (int round = 0; round < Rounds; round++)
        {
            byte[] seed = RandomNumberGenerator.GetBytes(64);
            var ours = new byte[2400];
            kem.GenerateKeyPair(seed.AsSpan(0, 32), seed.AsSpan(32), ours);
            MLKemPrivateKeyParameters oracle = OracleKey(seed);
            Assert.Equal(Convert.ToHexString(oracle.GetEncoded()), Convert.ToHexString(ours));
            Assert.Equal(oracle.GetPublicKeyEncoded(), ours.AsSpan(1152, 1184).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(HashBackEnds))]
    public void Encapsulation_with_the_same_message_gives_the_oracles_ciphertext_and_secret(string backEnd)
    {
        MlKem768 kem = Kem(backEnd);
        for (int round = 0; round < Rounds; round++)
        {
            byte[] publicKey = OracleKey(RandomNumberGenerator.GetBytes(64)).GetPublicKeyEncoded();
            byte[] message = RandomNumberGenerator.GetBytes(32);

            var encapsulator = new MLKemEncapsulator(Parameters);
            encapsulator.Init(new ParametersWithRandom(MLKemPublicKeyParameters.FromEncoding(Parameters, publicKey), new FixedBytesRandom(message)));
            var oracleCiphertext = new byte[1088];
            var oracleSecret = new byte[32];
            encapsulator.Encapsulate(oracleCiphertext, oracleSecret);

            var ciphertext = new byte[1088];
            var secret = new byte[32];
            kem.Encapsulate(publicKey, message, ciphertext, secret);
            Assert.Equal(Convert.ToHexString(oracleCiphertext), Convert.ToHexString(ciphertext));
            Assert.Equal(oracleSecret, secret);
        }
    }

    [Theory]
    [MemberData(nameof(HashBackEnds))]
    public void Decapsulation_of_valid_tampered_and_random_ciphertexts_matches_the_oracle(string backEnd)
    {
        MlKem768 kem = Kem(backEnd);
        for (int round = 0; round < Rounds; round++)
        {
            byte[] seed = RandomNumberGenerator.GetBytes(64);
            var decapsulationKey = new byte[2400];
            kem.GenerateKeyPair(seed.AsSpan(0, 32), seed.AsSpan(32), decapsulationKey);
            var decapsulator = new MLKemDecapsulator(Parameters);
            decapsulator.Init(OracleKey(seed));

            var ciphertext = new byte[1088];
            var sent = new byte[32];
            kem.Encapsulate(decapsulationKey.AsSpan(1152, 1184), RandomNumberGenerator.GetBytes(32), ciphertext, sent);

            byte[] tamperedU = (byte[])ciphertext.Clone();
            tamperedU[RandomNumberGenerator.GetInt32(960)] ^= (byte)(1 << RandomNumberGenerator.GetInt32(8));
            byte[] tamperedV = (byte[])ciphertext.Clone();
            tamperedV[960 + RandomNumberGenerator.GetInt32(128)] ^= (byte)(1 << RandomNumberGenerator.GetInt32(8));
            byte[] random = RandomNumberGenerator.GetBytes(1088);

            foreach ((string what, byte[] input) in new[] { ("valid", ciphertext), ("tampered u", tamperedU), ("tampered v", tamperedV), ("random", random) })
            {
                var ours = new byte[32];
                kem.Decapsulate(decapsulationKey, input, ours);
                var oracle = new byte[32];
                decapsulator.Decapsulate(input, oracle);
                Assert.True(oracle.AsSpan().SequenceEqual(ours), $"{what} ciphertext, round {round}: ours {Convert.ToHexString(ours)}, oracle {Convert.ToHexString(oracle)}");
                if (what == "valid")
                    Assert.Equal(sent, ours);
                else
                    Assert.NotEqual(sent, ours);
            }
        }
    }

    [Fact]
    public void The_public_interface_round_trips_and_the_oracle_decapsulates_our_encapsulation()
    {
        using IKemKeyPair keys = MlKem768.Instance.GenerateKeyPair();
        KemEncapsulation encapsulation = MlKem768.Instance.Encapsulate(keys.PublicKey);
        Assert.Equal(encapsulation.Secret, keys.Decapsulate(encapsulation.Ciphertext));

        MLKemPrivateKeyParameters oracleKey = OracleKey(RandomNumberGenerator.GetBytes(64));
        KemEncapsulation toOracle = MlKem768.Instance.Encapsulate(oracleKey.GetPublicKeyEncoded());
        var decapsulator = new MLKemDecapsulator(Parameters);
        decapsulator.Init(oracleKey);
        var secret = new byte[32];
        decapsulator.Decapsulate(toOracle.Ciphertext, secret);
        Assert.Equal(toOracle.Secret, secret);
    }

    [Fact]
    public void The_modulus_check_refuses_q_and_accepts_q_minus_one_in_the_last_coefficient()
    {
        using IKemKeyPair keys = MlKem768.Instance.GenerateKeyPair();
        byte[] key = keys.PublicKey.ToArray();
        // The last coefficient of t̂ is the high 12 bits of bytes 1149..1151.
        void SetLast(int value) { key[1150] = (byte)((key[1150] & 0x0F) | ((value & 0x0F) << 4)); key[1151] = (byte)(value >> 4); }
        SetLast(3328);
        Assert.Equal(1088, MlKem768.Instance.Encapsulate(key).Ciphertext.Length);
        SetLast(3329);
        var e = Assert.Throws<SshException>(() => MlKem768.Instance.Encapsulate(key));
        Assert.Contains("not a valid encoding", e.Message);
    }

    [Fact]
    public void Wrong_lengths_are_refused_with_the_length_in_the_message()
    {
        using IKemKeyPair keys = MlKem768.Instance.GenerateKeyPair();
        var e = Assert.Throws<SshException>(() => MlKem768.Instance.Encapsulate(keys.PublicKey[..1183]));
        Assert.Contains("1183 bytes instead of 1184", e.Message);
        e = Assert.Throws<SshException>(() => keys.Decapsulate(new byte[1089]));
        Assert.Contains("1089 bytes instead of 1088", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(10)]
    public void Compress_and_decompress_round_exactly_as_the_standard_defines_for_every_input(int bits)
    {
        const int q = 3329;
        for (int x = 0; x < q; x++)
        {
            // round(2^d·x/q), ties up: floor((2^(d+1)·x + q) / 2q), mod 2^d.
            int expected = (int)((((long)x << (bits + 1)) + q) / (2 * q)) % (1 << bits);
            Assert.Equal(expected, MlKemEncoding.Compress(x, bits));
        }
        for (int y = 0; y < 1 << bits; y++)
        {
            int expected = (int)((2L * q * y + (1 << bits)) / (2L << bits));
            Assert.Equal(expected, MlKemEncoding.Decompress(y, bits));
        }
    }

    [Fact]
    public void Uniform_sampling_squeezes_further_when_the_first_blocks_run_short()
    {
        // A stand-in XOF whose first 900 bytes are all rejected (0xFFF > q), then counter bytes: the
        // sampler must go past its first 672 bytes and take the same values the long stream holds.
        var hashes = new PrefixStableXof();
        var polynomial = new short[256];
        MlKemSampling.SampleUniform(hashes, new byte[32], 0, 0, polynomial);
        byte[] stream = new byte[4096];
        hashes.Shake128([], stream);
        var expected = new List<short>();
        for (int i = 0; expected.Count < 256; i += 3)
        {
            int a = stream[i] | ((stream[i + 1] & 0x0F) << 8), b = (stream[i + 1] >> 4) | (stream[i + 2] << 4);
            if (a < 3329) expected.Add((short)a);
            if (b < 3329 && expected.Count < 256) expected.Add((short)b);
        }
        Assert.Equal(expected, polynomial);
        Assert.True(hashes.LongestSqueeze > 672, $"longest squeeze {hashes.LongestSqueeze}");
    }

    private sealed class PrefixStableXof : MlKemHashes
    {
        public int LongestSqueeze { get; private set; }
        public override string Name => "test";
        public override void Sha3_256(ReadOnlySpan<byte> source, Span<byte> destination) => throw new NotSupportedException();
        public override void Sha3_512(ReadOnlySpan<byte> source, Span<byte> destination) => throw new NotSupportedException();
        public override void Shake256(ReadOnlySpan<byte> source, Span<byte> destination) => throw new NotSupportedException();

        public override void Shake128(ReadOnlySpan<byte> source, Span<byte> destination)
        {
            LongestSqueeze = Math.Max(LongestSqueeze, destination.Length);
            for (int i = 0; i < destination.Length; i++)
                destination[i] = i < 900 ? (byte)0xFF : (byte)(i * 7);
        }
    }

    /// <summary>BouncyCastle randomness that hands out the given bytes, so its encapsulation uses our m.</summary>
    private sealed class FixedBytesRandom(byte[] bytes) : SecureRandom
    {
        private int _offset;

        public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

        public override void NextBytes(byte[] buffer, int start, int length) => NextBytes(buffer.AsSpan(start, length));

        public override void NextBytes(Span<byte> buffer)
        {
            Assert.True(_offset + buffer.Length <= bytes.Length, "BouncyCastle asked for more random bytes than the message");
            bytes.AsSpan(_offset, buffer.Length).CopyTo(buffer);
            _offset += buffer.Length;
        }
    }
}
