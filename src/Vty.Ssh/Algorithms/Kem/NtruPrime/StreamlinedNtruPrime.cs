using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// The sntrup761 KEM (Streamlined NTRU Prime, round 3) on byte spans: key generation,
/// encapsulation and decapsulation with implicit rejection, with the specification's encodings and
/// SHA-512-based hashes, so keys and ciphertexts interoperate with OpenSSH byte for byte.
/// Callers check the lengths; every secret intermediate is zeroed before returning.
/// </summary>
/// <remarks>
/// Every method here with a loop is marked AggressiveOptimization: a process runs them once or
/// twice per connection, too rarely for tiered compilation to promote them from unoptimised code
/// early (300 handshakes after 60 warm-ups still ran partly unoptimised: 1.98 ms of key-agreement
/// CPU against 0.73 ms with tiering off), and a short-lived process never gets there.
/// </remarks>
internal static class StreamlinedNtruPrime
{
    // Hash domain prefixes from the specification.
    private const byte SessionRejected = 0;
    private const byte SessionAccepted = 1;
    private const byte ConfirmPrefix = 2;
    private const byte InputPrefix = 3;
    private const byte PublicKeyPrefix = 4;

    /// <summary>A fresh key pair: the public key and the secret key in the specification's layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GenerateKey(Span<byte> publicKey, Span<byte> secretKey, SimdLevel simd)
    {
        Span<sbyte> g = stackalloc sbyte[P];
        Span<sbyte> gInverse = stackalloc sbyte[P];
        Span<sbyte> f = stackalloc sbyte[P];
        Span<short> fInverse3 = stackalloc short[P];
        Span<short> h = stackalloc short[P];
        try
        {
            // About one g in a few hundred has no reciprocal in R/3; it is dropped and another drawn.
            do
                SmallPolynomial.Random(g);
            while (R3Reciprocal.Compute(g, gInverse, simd) != 0);
            SmallPolynomial.RandomShort(f, simd);
            RqReciprocal.ComputeOfThreeTimes(f, fInverse3, simd);
            RingProduct.MultiplyRq(fInverse3, g, h, simd);
            RingEncoding.EncodeRq(h, publicKey);

            SmallPolynomial.Encode(f, secretKey[..SmallBytes]);
            SmallPolynomial.Encode(gInverse, secretKey.Slice(SecretKeyGInverseOffset, SmallBytes));
            publicKey[..PublicKeyBytes].CopyTo(secretKey.Slice(SecretKeyPublicKeyOffset, PublicKeyBytes));
            RandomNumberGenerator.Fill(secretKey.Slice(SecretKeyRhoOffset, SmallBytes));
            HashPrefix(PublicKeyPrefix, publicKey[..PublicKeyBytes], secretKey.Slice(SecretKeyCacheOffset, HashBytes));
        }
        finally
        {
            Zero(g);
            Zero(gInverse);
            Zero(f);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(fInverse3));
        }
    }

    /// <summary>Encapsulates a fresh secret to <paramref name="publicKey"/>.</summary>
    public static void Encapsulate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> secret, SimdLevel simd)
    {
        Span<short> h = stackalloc short[P];
        Span<sbyte> r = stackalloc sbyte[P];
        Span<byte> rEncoded = stackalloc byte[SmallBytes];
        Span<byte> cache = stackalloc byte[HashBytes];
        try
        {
            RingEncoding.DecodeRq(publicKey, h);
            HashPrefix(PublicKeyPrefix, publicKey[..PublicKeyBytes], cache);
            SmallPolynomial.RandomShort(r, simd);
            Hide(r, h, cache, ciphertext, rEncoded, simd);
            HashSession(SessionAccepted, rEncoded, ciphertext[..CiphertextBytes], secret);
        }
        finally
        {
            Zero(r);
            CryptographicOperations.ZeroMemory(rEncoded);
        }
    }

    /// <summary>
    /// The secret in <paramref name="ciphertext"/>. A ciphertext that does not re-encrypt to itself
    /// yields the hash of rho and the ciphertext instead (implicit rejection); the choice is made
    /// with masks, so its timing does not tell which happened.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decapsulate(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> secretKey, Span<byte> secret, SimdLevel simd)
    {
        Span<sbyte> f = stackalloc sbyte[P];
        Span<sbyte> gInverse = stackalloc sbyte[P];
        Span<short> c = stackalloc short[P];
        Span<short> cf = stackalloc short[P];
        Span<sbyte> e = stackalloc sbyte[P];
        Span<sbyte> ev = stackalloc sbyte[P];
        Span<short> h = stackalloc short[P];
        Span<byte> rEncoded = stackalloc byte[SmallBytes];
        Span<byte> reencrypted = stackalloc byte[CiphertextBytes];
        try
        {
            ReadOnlySpan<byte> publicKey = secretKey.Slice(SecretKeyPublicKeyOffset, PublicKeyBytes);
            ReadOnlySpan<byte> rho = secretKey.Slice(SecretKeyRhoOffset, SmallBytes);
            ReadOnlySpan<byte> cache = secretKey.Slice(SecretKeyCacheOffset, HashBytes);
            SmallPolynomial.Decode(secretKey[..SmallBytes], f);
            SmallPolynomial.Decode(secretKey.Slice(SecretKeyGInverseOffset, SmallBytes), gInverse);
            RingEncoding.DecodeRounded(ciphertext, c);

            // e = 3 c f in R/3 carries the error r g; multiplying by 1/g recovers r when it has weight w.
            RingProduct.MultiplyRq(c, f, cf, simd);
            for (int i = 0; i < P; i++)
                e[i] = ModularArithmetic.Freeze3(ModularArithmetic.FreezeQ(3 * cf[i]));
            RingProduct.MultiplyR3(e, gInverse, ev, simd);
            // A wrong weight means a bad ciphertext: substitute the fixed weight-w vector (1, ..., 1, 0, ..., 0)
            // so re-encryption proceeds the same way and fails the comparison below.
            int bad = SmallPolynomial.WeightMask(ev);
            for (int i = 0; i < W; i++)
                ev[i] = (sbyte)(((ev[i] ^ 1) & ~bad) ^ 1);
            for (int i = W; i < P; i++)
                ev[i] = (sbyte)(ev[i] & ~bad);

            RingEncoding.DecodeRq(publicKey, h);
            Hide(ev, h, cache, reencrypted, rEncoded, simd);
            int differs = DifferenceMask(ciphertext[..CiphertextBytes], reencrypted);
            for (int i = 0; i < SmallBytes; i++)
                rEncoded[i] ^= (byte)(differs & (rEncoded[i] ^ rho[i]));
            HashSession((byte)(SessionAccepted + differs), rEncoded, ciphertext[..CiphertextBytes], secret);
        }
        finally
        {
            Zero(f);
            Zero(gInverse);
            Zero(e);
            Zero(ev);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(cf));
            CryptographicOperations.ZeroMemory(rEncoded);
            CryptographicOperations.ZeroMemory(reencrypted);
        }
    }

    /// <summary>The ciphertext for input r: rounded h r, then the confirmation hash of r and the public key's hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Hide(ReadOnlySpan<sbyte> r, ReadOnlySpan<short> h, ReadOnlySpan<byte> cache, Span<byte> ciphertext, Span<byte> rEncoded, SimdLevel simd)
    {
        SmallPolynomial.Encode(r, rEncoded);
        Span<short> hr = stackalloc short[P];
        RingProduct.MultiplyRq(h, r, hr, simd);
        // Round each coefficient to the nearest multiple of 3.
        for (int i = 0; i < P; i++)
            hr[i] = (short)(hr[i] - ModularArithmetic.Freeze3(hr[i]));
        RingEncoding.EncodeRounded(hr, ciphertext[..RoundedBytes]);
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(hr));

        Span<byte> confirmInput = stackalloc byte[2 * HashBytes];
        HashPrefix(InputPrefix, rEncoded, confirmInput[..HashBytes]);
        cache.CopyTo(confirmInput[HashBytes..]);
        HashPrefix(ConfirmPrefix, confirmInput, ciphertext.Slice(RoundedBytes, HashBytes));
        CryptographicOperations.ZeroMemory(confirmInput);
    }

    private static void HashSession(byte prefix, ReadOnlySpan<byte> rEncoded, ReadOnlySpan<byte> ciphertext, Span<byte> secret)
    {
        Span<byte> input = stackalloc byte[HashBytes + CiphertextBytes];
        HashPrefix(InputPrefix, rEncoded, input[..HashBytes]);
        ciphertext.CopyTo(input[HashBytes..]);
        HashPrefix(prefix, input, secret[..SecretBytes]);
        CryptographicOperations.ZeroMemory(input);
    }

    /// <summary>The first 32 bytes of SHA-512(prefix || input).</summary>
    private static void HashPrefix(byte prefix, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> message = stackalloc byte[1 + input.Length];
        message[0] = prefix;
        input.CopyTo(message[1..]);
        Span<byte> digest = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(message, digest);
        digest[..HashBytes].CopyTo(output);
        CryptographicOperations.ZeroMemory(message);
        CryptographicOperations.ZeroMemory(digest);
    }

    /// <summary>0 when the spans are equal, -1 otherwise, reading every byte either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DifferenceMask(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int bits = 0;
        for (int i = 0; i < a.Length; i++)
            bits |= a[i] ^ b[i];
        // bits - 1 is negative exactly when bits == 0.
        return ((bits - 1) >> 8 & 1) - 1;
    }

    private static void Zero(Span<sbyte> span) => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(span));
}
