using Vty.Ssh.Keys;

namespace Vty.Ssh.Transport;

/// <summary>What one <see cref="SshTransport"/> offers and enforces; built by the client or server from its options.</summary>
public sealed class SshTransportSettings
{
    /// <summary>Our identification string, without CR LF.</summary>
    public string LocalIdentification { get; init; } = "SSH-2.0-Vty_1.0";

    /// <summary>Key exchange methods in preference order (ext-info and strict-kex markers are added by the transport).</summary>
    public required IReadOnlyList<string> KexAlgorithms { get; init; }

    /// <summary>Host key (signature) algorithms in preference order.</summary>
    public required IReadOnlyList<string> HostKeyAlgorithms { get; init; }

    /// <summary>Ciphers in preference order (both directions).</summary>
    public required IReadOnlyList<string> Ciphers { get; init; }

    /// <summary>MACs in preference order (both directions).</summary>
    public required IReadOnlyList<string> Macs { get; init; }

    /// <summary>Re-key after this many bytes in either direction (RFC 4253 §9 recommends 1 GB).</summary>
    public long RekeyBytesLimit { get; init; } = 1L << 30;

    /// <summary>Re-key after this much time with the same keys.</summary>
    public TimeSpan RekeyInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Client role: decides whether the server's host key (already proven by its signature) is
    /// trusted; throws to refuse. Required for the client role.
    /// </summary>
    public Func<SshPublicKey, CancellationToken, ValueTask>? HostKeyVerifier { get; init; }

    /// <summary>Server role: the host keys to offer and sign with.</summary>
    public IReadOnlyList<SshPrivateKey> HostKeys { get; init; } = [];

    /// <summary>Server role: OpenSSH host certificates of some of <see cref="HostKeys"/>, presented for the "*-cert-v01@openssh.com" algorithms.</summary>
    public IReadOnlyList<SshPublicKey> HostCertificates { get; init; } = [];

    /// <summary>
    /// Server role: the key that signs for a host key algorithm, the blob to present (the certificate for
    /// a certificate algorithm) and the plain signature algorithm; null when no host key can.
    /// </summary>
    internal (SshPrivateKey Key, byte[] Blob, string SignatureAlgorithm)? HostKeyFor(string algorithm)
    {
        if (!Keys.Certificates.SshCertificateAlgorithms.IsCertificate(algorithm))
            return HostKeys.FirstOrDefault(k => k.PublicKey.SignatureAlgorithms.Contains(algorithm, StringComparer.Ordinal)) is { } plain
                ? (plain, plain.PublicKey.Blob, algorithm)
                : null;
        foreach (SshPublicKey certificate in HostCertificates)
        {
            if (!certificate.SignatureAlgorithms.Contains(algorithm, StringComparer.Ordinal)) continue;
            if (HostKeys.FirstOrDefault(k => k.PublicKey.Equals(certificate.Certificate!.Key)) is { } key)
                return (key, certificate.Blob, Keys.Certificates.SshCertificateAlgorithms.Plain(algorithm));
        }
        return null;
    }

    /// <summary>Group exchange sizes the client asks for (RFC 4419 min / preferred / max bits).</summary>
    public (int Min, int Preferred, int Max) GroupExchangeBits { get; init; } = (2048, 3072, 8192);
}
