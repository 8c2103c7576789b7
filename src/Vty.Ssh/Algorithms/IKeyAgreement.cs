namespace Vty.Ssh.Algorithms;

/// <summary>
/// The math of one side of a key exchange (DH over a MODP group, ECDH over a NIST curve, or
/// X25519). The transport does the messages and the exchange hash; this does the numbers.
/// </summary>
public interface IKeyAgreement : IDisposable
{
    /// <summary>
    /// Our public value as it goes on the wire inside an SSH string or mpint: for DH the unsigned
    /// big-endian magnitude of e (or f), for NIST curves the uncompressed point (0x04||X||Y), for
    /// X25519 the 32 raw bytes.
    /// </summary>
    ReadOnlySpan<byte> PublicValue { get; }

    /// <summary>
    /// Validates the peer's public value (range or point checks; all-zero X25519 results are
    /// refused) and returns the shared secret K as an unsigned big-endian magnitude, ready to be
    /// encoded as an mpint. Throws <see cref="SshException"/> for an invalid peer value.
    /// </summary>
    byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublicValue);
}
