namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// K-PKE of FIPS 203 (§5) with the ML-KEM-768 parameters: k = 3, η1 = η2 = 2, du = 10, dv = 4.
/// Works on the stack (about 10 KiB) and generates the matrix Â one entry at a time instead of
/// keeping all nine polynomials; secret intermediates are cleared before returning.
/// </summary>
internal static class MlKemPke
{
    public const int Rank = 3;
    private const int N = MlKemNtt.Degree;
    private const int VectorLength = Rank * N;

    /// <summary>Encryption key: t̂ (12 bits per coefficient) then ρ.</summary>
    public const int EncryptionKeyLength = Rank * MlKemEncoding.PolynomialBytes + 32;

    /// <summary>Decryption key: ŝ at 12 bits per coefficient.</summary>
    public const int DecryptionKeyLength = Rank * MlKemEncoding.PolynomialBytes;

    /// <summary>Ciphertext: u at 10 bits, then v at 4 bits per coefficient.</summary>
    public const int CiphertextLength = Rank * 320 + 128;

    /// <summary>K-PKE.KeyGen (Algorithm 13) from the 32-byte seed d.</summary>
    public static void GenerateKeys(MlKemHashes hashes, ReadOnlySpan<byte> d, Span<byte> encryptionKey, Span<byte> decryptionKey)
    {
        Span<byte> seedAndRank = stackalloc byte[33];
        d[..32].CopyTo(seedAndRank);
        seedAndRank[32] = Rank;
        Span<byte> rhoSigma = stackalloc byte[64];
        hashes.Sha3_512(seedAndRank, rhoSigma);
        ReadOnlySpan<byte> rho = rhoSigma[..32], sigma = rhoSigma[32..];

        Span<short> secret = stackalloc short[VectorLength];
        Span<short> error = stackalloc short[VectorLength];
        Span<byte> noise = stackalloc byte[MlKemSampling.Cbd2Bytes];
        byte counter = 0;
        SampleNoiseVector(hashes, sigma, ref counter, noise, secret, transform: true);
        SampleNoiseVector(hashes, sigma, ref counter, noise, error, transform: true);

        Span<short> entry = stackalloc short[N];
        Span<short> row = stackalloc short[N];
        for (int i = 0; i < Rank; i++)
        {
            row.Clear();
            for (int j = 0; j < Rank; j++)
            {
                MlKemSampling.SampleUniform(hashes, rho, (byte)j, (byte)i, entry);
                MlKemNtt.MultiplyAccumulate(entry, secret.Slice(j * N, N), row);
            }
            // The NTT-domain product carries 2^-16; a Montgomery product with 2^32 mod q removes it.
            ReadOnlySpan<short> e = error.Slice(i * N, N);
            for (int c = 0; c < N; c++)
                row[c] = MlKemField.ToCanonical(MlKemField.Reduce(MlKemField.MultiplyMontgomery(row[c], MlKemField.MontgomeryRSquared) + e[c]));
            MlKemEncoding.Encode12(row, encryptionKey.Slice(i * MlKemEncoding.PolynomialBytes));
        }
        rho.CopyTo(encryptionKey.Slice(Rank * MlKemEncoding.PolynomialBytes, 32));

        for (int i = 0; i < VectorLength; i++)
            secret[i] = MlKemField.ToCanonical(secret[i]);
        for (int i = 0; i < Rank; i++)
            MlKemEncoding.Encode12(secret.Slice(i * N, N), decryptionKey.Slice(i * MlKemEncoding.PolynomialBytes));

        rhoSigma.Clear();
        secret.Clear();
        error.Clear();
        noise.Clear();
    }

    /// <summary>K-PKE.Encrypt (Algorithm 14) of the 32-byte message with the 32-byte randomness r.</summary>
    public static void Encrypt(MlKemHashes hashes, ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> randomness, Span<byte> ciphertext)
    {
        ReadOnlySpan<byte> rho = encryptionKey.Slice(Rank * MlKemEncoding.PolynomialBytes, 32);
        Span<short> y = stackalloc short[VectorLength];
        Span<short> error1 = stackalloc short[VectorLength];
        Span<short> error2 = stackalloc short[N];
        Span<byte> noise = stackalloc byte[MlKemSampling.Cbd2Bytes];
        byte counter = 0;
        SampleNoiseVector(hashes, randomness, ref counter, noise, y, transform: true);
        SampleNoiseVector(hashes, randomness, ref counter, noise, error1, transform: false);
        Prf(hashes, randomness, counter, noise);
        MlKemSampling.CenteredBinomial2(noise, error2);

        Span<short> entry = stackalloc short[N];
        Span<short> row = stackalloc short[N];
        // u = NTT^-1(Âᵀ ∘ ŷ) + e1: row i of Âᵀ is column i of Â, sampled from ρ ‖ i ‖ j.
        for (int i = 0; i < Rank; i++)
        {
            row.Clear();
            for (int j = 0; j < Rank; j++)
            {
                MlKemSampling.SampleUniform(hashes, rho, (byte)i, (byte)j, entry);
                MlKemNtt.MultiplyAccumulate(entry, y.Slice(j * N, N), row);
            }
            ReduceAll(row);
            MlKemNtt.Inverse(row);
            ReadOnlySpan<short> e = error1.Slice(i * N, N);
            for (int c = 0; c < N; c++)
                row[c] = MlKemField.ToCanonical(MlKemField.Reduce(row[c] + e[c]));
            MlKemEncoding.CompressEncode10(row, ciphertext.Slice(i * 320));
        }

        // v = NTT^-1(t̂ᵀ ∘ ŷ) + e2 + Decompress1(m).
        row.Clear();
        for (int j = 0; j < Rank; j++)
        {
            MlKemEncoding.Decode12(encryptionKey.Slice(j * MlKemEncoding.PolynomialBytes), entry);
            MlKemNtt.MultiplyAccumulate(entry, y.Slice(j * N, N), row);
        }
        ReduceAll(row);
        MlKemNtt.Inverse(row);
        MlKemEncoding.DecodeDecompress1(message, entry);
        for (int c = 0; c < N; c++)
            row[c] = MlKemField.ToCanonical(MlKemField.Reduce(row[c] + error2[c] + entry[c]));
        MlKemEncoding.CompressEncode4(row, ciphertext.Slice(Rank * 320));

        y.Clear();
        error1.Clear();
        error2.Clear();
        noise.Clear();
        entry.Clear();
        row.Clear();
    }

    /// <summary>K-PKE.Decrypt (Algorithm 15): the 32-byte message inside <paramref name="ciphertext"/>.</summary>
    public static void Decrypt(ReadOnlySpan<byte> decryptionKey, ReadOnlySpan<byte> ciphertext, Span<byte> message)
    {
        Span<short> u = stackalloc short[N];
        Span<short> secret = stackalloc short[N];
        Span<short> product = stackalloc short[N];
        product.Clear();
        for (int j = 0; j < Rank; j++)
        {
            MlKemEncoding.DecodeDecompress10(ciphertext.Slice(j * 320), u);
            MlKemNtt.Forward(u);
            MlKemEncoding.Decode12(decryptionKey.Slice(j * MlKemEncoding.PolynomialBytes), secret);
            MlKemNtt.MultiplyAccumulate(secret, u, product);
        }
        ReduceAll(product);
        MlKemNtt.Inverse(product);
        MlKemEncoding.DecodeDecompress4(ciphertext.Slice(Rank * 320), u);
        for (int c = 0; c < N; c++)
            u[c] = MlKemField.ToCanonical(MlKemField.Reduce(u[c] - product[c]));
        MlKemEncoding.CompressEncode1(u, message);

        u.Clear();
        secret.Clear();
        product.Clear();
    }

    // PRF_η(s, N) = SHAKE256(s ‖ N), 64·η bytes.
    private static void Prf(MlKemHashes hashes, ReadOnlySpan<byte> seed, byte counter, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[33];
        seed[..32].CopyTo(input);
        input[32] = counter;
        hashes.Shake256(input, destination[..MlKemSampling.Cbd2Bytes]);
        input.Clear();
    }

    private static void SampleNoiseVector(MlKemHashes hashes, ReadOnlySpan<byte> seed, ref byte counter, Span<byte> noise, Span<short> vector, bool transform)
    {
        for (int i = 0; i < Rank; i++)
        {
            Span<short> polynomial = vector.Slice(i * N, N);
            Prf(hashes, seed, counter++, noise);
            MlKemSampling.CenteredBinomial2(noise, polynomial);
            if (transform)
                MlKemNtt.Forward(polynomial);
        }
    }

    private static void ReduceAll(Span<short> polynomial)
    {
        for (int i = 0; i < polynomial.Length; i++)
            polynomial[i] = MlKemField.Reduce(polynomial[i]);
    }
}
