namespace Vty.Ssh.Algorithms;

/// <summary>The family of a key exchange method, which decides the messages the transport sends.</summary>
public enum KexKind
{
    /// <summary>curve25519-sha256 (RFC 8731): 32-byte X25519 values in SSH strings.</summary>
    Curve25519,

    /// <summary>ecdh-sha2-nistp* (RFC 5656): uncompressed points in SSH strings.</summary>
    Ecdh,

    /// <summary>diffie-hellman-group* (RFC 4253 §8, RFC 8268): a fixed MODP group, values as mpints.</summary>
    DhGroup,

    /// <summary>diffie-hellman-group-exchange-* (RFC 4419): the server picks the group first.</summary>
    DhGroupExchange,

    /// <summary>
    /// mlkem768x25519-sha256, sntrup761x25519-sha512: a post-quantum KEM combined with X25519;
    /// both values and the shared secret K travel as SSH strings.
    /// </summary>
    HybridKem,
}
