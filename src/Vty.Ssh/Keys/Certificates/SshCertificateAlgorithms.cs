namespace Vty.Ssh.Keys.Certificates;

/// <summary>
/// Names of the OpenSSH certificate key types (PROTOCOL.certkeys) and the signature algorithms they
/// are used with: a certificate signs with its plain key's algorithm, so "rsa-sha2-512-cert-v01@openssh.com"
/// makes an "rsa-sha2-512" signature.
/// </summary>
public static class SshCertificateAlgorithms
{
    /// <summary>The suffix every certificate key type and certificate signature algorithm ends with.</summary>
    public const string Suffix = "-cert-v01@openssh.com";

    /// <summary>Certificate algorithms in OpenSSH's default order (the SHA-1 ones excluded).</summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "ssh-ed25519-cert-v01@openssh.com",
        "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
        "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com",
    ];

    /// <summary>SHA-1 RSA and DSA certificates, for old servers only.</summary>
    public static IReadOnlyList<string> Legacy { get; } = ["ssh-rsa-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com"];

    /// <summary>True for a certificate key type or certificate signature algorithm name.</summary>
    public static bool IsCertificate(string name) => name.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>"ssh-ed25519-cert-v01@openssh.com" → "ssh-ed25519"; a plain name is returned as is.</summary>
    public static string Plain(string name) => IsCertificate(name) ? name[..^Suffix.Length] : name;

    /// <summary>The certificate signature algorithms a plain key type's certificate offers, most preferred first.</summary>
    internal static IReadOnlyList<string> ForPlainSignatureAlgorithms(IReadOnlyList<string> plain) =>
        [.. plain.Select(a => a + Suffix)];
}
