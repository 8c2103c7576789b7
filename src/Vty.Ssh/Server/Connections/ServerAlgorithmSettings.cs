using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Keys.Certificates;
using Vty.Ssh.Transport;

namespace Vty.Ssh.Server.Connections;

/// <summary>Turns <see cref="SshServerOptions"/> into transport settings and the accepted user-key algorithms.</summary>
internal static class ServerAlgorithmSettings
{
    public static SshTransportSettings CreateTransportSettings(SshServerOptions options) => new()
    {
        LocalIdentification = "SSH-2.0-" + options.SoftwareVersion,
        KexAlgorithms = Pick(options.KexAlgorithms, SshAlgorithms.DefaultKex, SshAlgorithms.LegacyKex, options.Legacy),
        HostKeyAlgorithms = WithCertificates(options, Pick(options.HostKeyAlgorithms, SshAlgorithms.DefaultHostKey, SshAlgorithms.LegacyHostKey, options.Legacy)),
        Ciphers = Pick(options.Ciphers, SshAlgorithms.DefaultCiphers, SshAlgorithms.LegacyCiphers, options.Legacy),
        Macs = Pick(options.Macs, SshAlgorithms.DefaultMacs, SshAlgorithms.LegacyMacs, options.Legacy),
        HostKeys = options.HostKeys.ToArray(),
        HostCertificates = options.HostCertificates.ToArray(),
    };

    // As sshd: with host certificates and no explicit list, the certificate algorithms come first.
    private static IReadOnlyList<string> WithCertificates(SshServerOptions options, IReadOnlyList<string> algorithms) =>
        options.HostCertificates.Count == 0 || options.HostKeyAlgorithms is not null
            ? algorithms
            : [.. algorithms.Select(a => a + SshCertificateAlgorithms.Suffix)
                .Where(c => AlgorithmList.Supported(SshAlgorithmCategory.HostKey).Contains(c, StringComparer.Ordinal)), .. algorithms];

    /// <summary>Signature algorithms accepted for "publickey" authentication (and advertised as server-sig-algs).</summary>
    public static IReadOnlyList<string> UserKeyAlgorithms(SshServerOptions options) =>
        options.Legacy ? [.. SshAlgorithms.DefaultPublicKey, .. SshAlgorithms.LegacyPublicKey] : SshAlgorithms.DefaultPublicKey;

    /// <summary>Throws a clear error when the options cannot work (no host key, or none that can sign an offered algorithm).</summary>
    public static void Validate(SshServerOptions options)
    {
        if (options.HostKeys.Count == 0)
            throw new ArgumentException("an SSH server needs at least one host key: load or create them with SshHostKeyStore", nameof(options));
        AlgorithmList.Validate(SshAlgorithmCategory.Kex, options.KexAlgorithms);
        AlgorithmList.Validate(SshAlgorithmCategory.HostKey, options.HostKeyAlgorithms);
        AlgorithmList.Validate(SshAlgorithmCategory.Cipher, options.Ciphers);
        AlgorithmList.Validate(SshAlgorithmCategory.Mac, options.Macs);
        foreach (SshPublicKey certificate in options.HostCertificates)
        {
            if (certificate.Certificate is not { Kind: SshCertificateKind.Host } cert)
                throw new ArgumentException($"HostCertificates holds {certificate.KeyType} {certificate.Sha256Fingerprint}, which is not a host certificate (ssh-keygen -s CA -h)", nameof(options));
            if (!options.HostKeys.Any(k => k.PublicKey.Equals(cert.Key)))
                throw new ArgumentException($"host certificate '{cert.KeyId}' certifies {cert.Key.KeyType} {cert.Key.Sha256Fingerprint}, which is not one of HostKeys: add that key", nameof(options));
        }
        SshTransportSettings settings = CreateTransportSettings(options);
        bool canSign = settings.HostKeyAlgorithms.Any(a => options.HostKeys.Any(k => k.PublicKey.SignatureAlgorithms.Contains(a, StringComparer.Ordinal)));
        if (!canSign)
            throw new ArgumentException(
                $"none of the host keys ({string.Join(", ", options.HostKeys.Select(k => k.KeyType))}) can sign any offered host key algorithm " +
                $"({string.Join(", ", settings.HostKeyAlgorithms)}); add a key of a default type or enable Legacy", nameof(options));
        if (options.MaxAuthAttempts < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxAuthAttempts must be at least 1");
        if (options.MaxChannelsPerConnection < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxChannelsPerConnection must be at least 1");
        if (options.MaxConnections < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxConnections must be at least 1");
        if (options.HandshakeTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "HandshakeTimeout must be positive");
    }

    private static IReadOnlyList<string> Pick(IList<string>? exact, IReadOnlyList<string> defaults, IReadOnlyList<string> legacy, bool useLegacy)
    {
        if (exact is not null) return exact.ToArray();
        return useLegacy ? [.. defaults, .. legacy] : defaults;
    }
}
