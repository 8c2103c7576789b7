namespace Vty.Ssh.Algorithms;

/// <summary>
/// The math of one side of a key exchange (DH over a MODP group, ECDH over a NIST curve, X25519,
/// or a post-quantum KEM combined with X25519). The transport does the messages and the exchange
/// hash; this does the numbers.
/// </summary>
public interface IKeyAgreement : IDisposable
{
    /// <summary>
    /// Our public value as it goes on the wire inside an SSH string or mpint: for DH the unsigned
    /// big-endian magnitude of e (or f), for NIST curves the uncompressed point (0x04||X||Y), for
    /// X25519 the 32 raw bytes, for the hybrid methods KEM public key (client) or ciphertext (server)
    /// followed by the X25519 value. A hybrid responder knows its value only after
    /// <see cref="ComputeSharedSecret"/>, because it is encapsulated to the client's key.
    /// </summary>
    ReadOnlySpan<byte> PublicValue { get; }

    /// <summary>
    /// Validates the peer's public value (range or point checks; all-zero X25519 results are
    /// refused) and returns the shared secret K: an unsigned big-endian magnitude to be encoded as
    /// an mpint, or for the hybrid methods the hash to be encoded as a string
    /// (<see cref="KexInfo.SecretIsString"/>). Throws <see cref="SshException"/> for an invalid peer value.
    /// </summary>
    byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue);
}
