namespace Vty.Ssh.Algorithms.Kem;

/// <summary>The result of encapsulating to a public key: the ciphertext for the peer and the secret we keep.</summary>
internal readonly record struct KemEncapsulation(byte[] Ciphertext, byte[] Secret);
