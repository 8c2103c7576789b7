namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// A post-quantum key encapsulation mechanism as the hybrid SSH key exchanges use it: the client
/// makes a key pair and sends the public key, the server encapsulates a fresh secret to it and
/// sends the ciphertext back, the client decapsulates the same secret.
/// </summary>
internal interface IKem
{
    /// <summary>Name for messages (ML-KEM-768, sntrup761).</summary>
    string Name { get; }

    /// <summary>Length of an encoded public (encapsulation) key.</summary>
    int PublicKeyLength { get; }

    /// <summary>Length of a ciphertext.</summary>
    int CiphertextLength { get; }

    /// <summary>Length of the shared secret (32 for both KEMs in use).</summary>
    int SecretLength { get; }

    /// <summary>A fresh key pair whose private half stays inside the returned object.</summary>
    IKemKeyPair GenerateKeyPair();

    /// <summary>
    /// Encapsulates a fresh secret to <paramref name="publicKey"/>. Throws <see cref="SshException"/>
    /// when the key has the wrong length or is not a valid encoding.
    /// </summary>
    KemEncapsulation Encapsulate(ReadOnlySpan<byte> publicKey);
}
