namespace Vty.Ssh.Algorithms.Kem;

/// <summary>One KEM key pair: the public key to send and the private key to decapsulate with.</summary>
internal interface IKemKeyPair : IDisposable
{
    /// <summary>The encoded public key.</summary>
    ReadOnlySpan<byte> PublicKey { get; }

    /// <summary>
    /// The secret inside <paramref name="ciphertext"/>. Throws <see cref="SshException"/> for a
    /// ciphertext of the wrong length; a tampered ciphertext yields an unrelated secret (implicit
    /// rejection), which then fails the key exchange's signature check.
    /// </summary>
    byte[] Decapsulate(ReadOnlySpan<byte> ciphertext);
}
