using Vty.Ssh.Algorithms.Kem.NtruPrime;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// Streamlined NTRU Prime sntrup761, our own constant-time implementation (NtruPrime/): AVX2 or
/// 128-bit vectors for the O(p^2) parts where the CPU and build have them, scalar code otherwise.
/// </summary>
internal sealed class Sntrup761 : IKem
{
    public static Sntrup761 Instance { get; } = new(SimdSupport.Best);

    private readonly SimdLevel _simd;

    /// <param name="simd">The kernels to run (tests compare every level; a level the CPU lacks falls back to the next lower).</param>
    internal Sntrup761(SimdLevel simd) => _simd = simd;

    public string Name => "sntrup761";
    public int PublicKeyLength => PublicKeyBytes;
    public int CiphertextLength => CiphertextBytes;
    public int SecretLength => SecretBytes;

    public IKemKeyPair GenerateKeyPair() => Sntrup761KeyPair.Generate(_simd);

    public KemEncapsulation Encapsulate(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeyLength)
            throw new SshException($"the peer's sntrup761 public key has {publicKey.Length} bytes instead of {PublicKeyLength}; refusing the key exchange");
        byte[] ciphertext = new byte[CiphertextBytes];
        byte[] secret = new byte[SecretBytes];
        StreamlinedNtruPrime.Encapsulate(publicKey, ciphertext, secret, _simd);
        return new KemEncapsulation(ciphertext, secret);
    }

    /// <summary>A key pair from a secret key in the specification's layout (tests import other implementations' keys).</summary>
    internal IKemKeyPair ImportSecretKey(ReadOnlySpan<byte> secretKey) => Sntrup761KeyPair.Import(secretKey, _simd);
}
