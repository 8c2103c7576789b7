using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Kem;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>
/// Our Keccak sponge against .NET's SHA-3 and SHAKE (OpenSSL here), for every input length across
/// the block boundaries of each rate and outputs longer than one block.
/// </summary>
public sealed class Keccak1600Tests
{
    [Fact]
    public void Matches_the_platform_for_inputs_across_block_boundaries()
    {
        Assert.True(PlatformMlKemHashes.IsSupported, "this platform's .NET has no SHA-3/SHAKE (OpenSSL 1.1.1+ is required on Linux)");
        var ours = new KeccakMlKemHashes();
        var platform = new PlatformMlKemHashes();
        byte[] data = RandomNumberGenerator.GetBytes(400);
        for (int length = 0; length <= data.Length; length++)
        {
            ReadOnlySpan<byte> input = data.AsSpan(0, length);
            Check(length, "SHA3-256", 32, (s, d) => ours.Sha3_256(s, d), (s, d) => platform.Sha3_256(s, d), input);
            Check(length, "SHA3-512", 64, (s, d) => ours.Sha3_512(s, d), (s, d) => platform.Sha3_512(s, d), input);
            Check(length, "SHAKE128", 1 + length % 700, (s, d) => ours.Shake128(s, d), (s, d) => platform.Shake128(s, d), input);
            Check(length, "SHAKE256", 1 + length % 300, (s, d) => ours.Shake256(s, d), (s, d) => platform.Shake256(s, d), input);
        }
    }

    [Fact]
    public void Known_answers_for_the_empty_message()
    {
        // FIPS 202 example values for the empty string.
        var ours = new KeccakMlKemHashes();
        var digest = new byte[32];
        ours.Sha3_256([], digest);
        Assert.Equal("A7FFC6F8BF1ED76651C14756A061D662F580FF4DE43B49FA82D80A4B80F8434A", Convert.ToHexString(digest));
        ours.Shake128([], digest);
        Assert.Equal("7F9C2BA4E88F827D616045507605853ED73B8093F6EFBC88EB1A6EACFA66EF26", Convert.ToHexString(digest));
    }

    private delegate void Hash(ReadOnlySpan<byte> source, Span<byte> destination);

    private static void Check(int length, string name, int outputLength, Hash ours, Hash platform, ReadOnlySpan<byte> input)
    {
        var expected = new byte[outputLength];
        var actual = new byte[outputLength];
        platform(input, expected);
        ours(input, actual);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} of {length} bytes to {outputLength} bytes differs");
    }
}
