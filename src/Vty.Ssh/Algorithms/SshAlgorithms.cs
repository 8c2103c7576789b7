using Vty.Ssh.Keys.Certificates;

namespace Vty.Ssh.Algorithms;

/// <summary>
/// The algorithm names Vty offers, most preferred first. Default lists are secure choices that
/// every current OpenSSH and Dropbear accepts; the legacy lists are what old network gear needs
/// and are only appended when a connection asks for legacy algorithms.
/// </summary>
public static class SshAlgorithms
{
    /// <summary>Key exchange methods offered by default, in OpenSSH 10's order (post-quantum hybrids first).</summary>
    public static IReadOnlyList<string> DefaultKex { get; } =
    [
        "mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
        "curve25519-sha256", "curve25519-sha256@libssh.org",
        "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "diffie-hellman-group-exchange-sha256",
        "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
        "diffie-hellman-group14-sha256",
    ];

    /// <summary>SHA-1 and 1024-bit key exchange methods, for old devices only.</summary>
    public static IReadOnlyList<string> LegacyKex { get; } =
    [
        "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1",
    ];

    /// <summary>Host key (signature) algorithms offered by default.</summary>
    public static IReadOnlyList<string> DefaultHostKey { get; } =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "rsa-sha2-512", "rsa-sha2-256",
    ];

    /// <summary>SHA-1 RSA and DSA host keys, for old devices only.</summary>
    public static IReadOnlyList<string> LegacyHostKey { get; } = ["ssh-rsa", "ssh-dss"];

    /// <summary>User key algorithms accepted by default for "publickey": the certificate ones first, then the plain ones (OpenSSH's order).</summary>
    public static IReadOnlyList<string> DefaultPublicKey { get; } = [.. SshCertificateAlgorithms.Default, .. DefaultHostKey];

    /// <summary>SHA-1 RSA and DSA user keys and certificates, for old devices only.</summary>
    public static IReadOnlyList<string> LegacyPublicKey { get; } = [.. LegacyHostKey, .. SshCertificateAlgorithms.Legacy];

    /// <summary>Ciphers offered by default.</summary>
    public static IReadOnlyList<string> DefaultCiphers { get; } =
    [
        "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
        "aes128-ctr", "aes192-ctr", "aes256-ctr",
    ];

    /// <summary>CBC ciphers, for old devices only.</summary>
    public static IReadOnlyList<string> LegacyCiphers { get; } = ["aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"];

    /// <summary>MACs offered by default (encrypt-then-MAC first, as OpenSSH does).</summary>
    public static IReadOnlyList<string> DefaultMacs { get; } =
    [
        "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha1-etm@openssh.com",
        "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1",
    ];

    /// <summary>Truncated and MD5 MACs, for old devices only.</summary>
    public static IReadOnlyList<string> LegacyMacs { get; } =
    [
        "hmac-sha1-96", "hmac-md5", "hmac-md5-96",
        "hmac-sha1-96-etm@openssh.com", "hmac-md5-etm@openssh.com", "hmac-md5-96-etm@openssh.com",
    ];
}
