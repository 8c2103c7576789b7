namespace Vty.Ssh.Algorithms.Kem.NtruPrime;

/// <summary>
/// The sntrup761 parameter set of Streamlined NTRU Prime (round 3) and the byte lengths of its
/// encodings, as OpenSSH's sntrup761x25519-sha512 uses them.
/// </summary>
internal static class Sntrup761Parameters
{
    /// <summary>Degree of the ring Z[x]/(x^p - x - 1).</summary>
    public const int P = 761;

    /// <summary>The prime modulus of R/q.</summary>
    public const int Q = 4591;

    /// <summary>Number of nonzero coefficients of a short polynomial.</summary>
    public const int W = 286;

    /// <summary>(q - 1) / 2: coefficients of R/q are kept in [-HalfQ, HalfQ].</summary>
    public const int HalfQ = (Q - 1) / 2;

    /// <summary>Bytes of a small polynomial, four coefficients a byte.</summary>
    public const int SmallBytes = (P + 3) / 4;

    /// <summary>Bytes of a polynomial in R/q (the public key).</summary>
    public const int RqBytes = 1158;

    /// <summary>Bytes of a rounded polynomial (the first part of a ciphertext).</summary>
    public const int RoundedBytes = 1007;

    /// <summary>Bytes of every hash output the KEM uses (the first half of a SHA-512).</summary>
    public const int HashBytes = 32;

    /// <summary>Encoded public key.</summary>
    public const int PublicKeyBytes = RqBytes;

    /// <summary>Rounded polynomial followed by the confirmation hash.</summary>
    public const int CiphertextBytes = RoundedBytes + HashBytes;

    /// <summary>Session key.</summary>
    public const int SecretBytes = HashBytes;

    /// <summary>f, 1/g in R/3, the public key, rho (for implicit rejection) and the public key's hash.</summary>
    public const int SecretKeyBytes = 2 * SmallBytes + PublicKeyBytes + SmallBytes + HashBytes;

    /// <summary>Where each part of the secret key starts.</summary>
    public const int SecretKeyGInverseOffset = SmallBytes;
    public const int SecretKeyPublicKeyOffset = 2 * SmallBytes;
    public const int SecretKeyRhoOffset = SecretKeyPublicKeyOffset + PublicKeyBytes;
    public const int SecretKeyCacheOffset = SecretKeyRhoOffset + SmallBytes;
}
