using Microsoft.Extensions.Logging;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Keys.Certificates;
using Vty.Ssh.KnownHosts;

namespace Vty.Ssh;

/// <summary>
/// One connection's host key check: orders our host key algorithms so the types known_hosts records
/// for the host come first (as OpenSSH does, so a server with several keys shows a known one), then
/// applies <see cref="SshClientOptions.HostKeyPolicy"/> to the server's signature-verified key.
/// </summary>
internal sealed class HostKeyVerifier
{
    private readonly SshClientOptions _options;
    private readonly ILogger _log;
    private KnownHostsFile? _file;

    public HostKeyVerifier(SshClientOptions options, ILogger log)
    {
        _options = options;
        _log = log;
        Path = options.KnownHostsPath ?? DefaultKnownHostsPath;
        // With HostKeyAlias the key is filed under the alias alone, without the port (as OpenSSH does).
        _knownHost = options.HostKeyAlias ?? options.Host;
        _knownPort = options.HostKeyAlias is null ? options.Port : 22;
    }

    private readonly string _knownHost;
    private readonly int _knownPort;

    public static string DefaultKnownHostsPath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");

    /// <summary>The known_hosts file consulted.</summary>
    public string Path { get; }

    /// <summary>
    /// Set when a changed key was let through (<see cref="HostKeyPolicy.AcceptAny"/>): why password and
    /// keyboard-interactive authentication must not be attempted.
    /// </summary>
    public string? PasswordsDisabledReason { get; private set; }

    private KnownHostsFile File => _file ??= KnownHostsFile.Load(Path);

    // The file written to first, then the read-only ones (more UserKnownHostsFile entries, GlobalKnownHostsFile).
    private IReadOnlyList<KnownHostsFile> Files => _files ??= [File, .. _options.ReadOnlyKnownHostsPaths.Select(KnownHostsFile.Load)];

    private IReadOnlyList<KnownHostsFile>? _files;

    /// <summary>
    /// <paramref name="algorithms"/> with those that can verify a key type recorded for the host moved
    /// to the front (relative order kept); when a @cert-authority line covers the host, the certificate
    /// forms of the algorithms go first of all (as ssh offers them), so the server can show its certificate.
    /// Unchanged when the policy is Off or the caller named certificate algorithms itself.
    /// </summary>
    public IReadOnlyList<string> OrderHostKeyAlgorithms(IReadOnlyList<string> algorithms)
    {
        if (_options.HostKeyPolicy == HostKeyPolicy.Off || algorithms.Any(SshCertificateAlgorithms.IsCertificate)) return algorithms;
        IReadOnlyList<KnownHostsEntry> known = [.. Files.SelectMany(f => f.HostKeys(_knownHost, _knownPort))];
        var preferred = algorithms.Where(a => known.Any(k => k.Key.SignatureAlgorithms.Contains(a, StringComparer.Ordinal))).ToList();
        if (preferred.Count > 0)
            _log.LogDebug("known_hosts records {Types} for {Host}; preferring {Algorithms}",
                string.Join(",", known.Select(k => k.Key.KeyType).Distinct()), _knownHost, string.Join(",", preferred));
        List<string> ordered = [.. preferred, .. algorithms.Where(a => !preferred.Contains(a))];
        if (!Files.Any(f => f.CertificateAuthorities(_knownHost, _knownPort).Count > 0)) return ordered;
        IReadOnlyList<string> supported = AlgorithmList.Supported(SshAlgorithmCategory.HostKey);
        List<string> certificates = [.. ordered.Select(a => a + SshCertificateAlgorithms.Suffix).Where(c => supported.Contains(c, StringComparer.Ordinal))];
        _log.LogDebug("known_hosts has a @cert-authority line for {Host}; offering {Algorithms} first", _knownHost, string.Join(",", certificates));
        return [.. certificates, .. ordered];
    }

    /// <summary>
    /// Trusts the key or throws (<see cref="SshHostKeyMismatchException"/>, <see cref="SshHostKeyRejectedException"/>,
    /// <see cref="SshHostCertificateException"/> for a host certificate a trusted CA line does not vouch for).
    /// </summary>
    public async ValueTask VerifyAsync(SshPublicKey key, IReadOnlyList<string> offeredAlgorithms, CancellationToken ct)
    {
        if (key.Certificate is { } certificate && _options.HostKeyPolicy != HostKeyPolicy.Off)
        {
            if (CheckCertificate(key, certificate)) return;
            key = certificate.Key;
        }
        string host = _knownHost;
        int port = _knownPort;
        (KnownHostsFile file, KnownHostsLookup lookup) = LookupAll(key);
        string fingerprint = key.Sha256Fingerprint;
        _log.LogDebug("host key of {Host}:{Port}: {Type} {Fingerprint}, {Status} in {Path}, policy {Policy}", host, port, key.KeyType, fingerprint, lookup.Status, Path, _options.HostKeyPolicy);
        if (lookup.Status == KnownHostsStatus.Revoked)
            throw new SshHostKeyMismatchException(host, port, null, fingerprint, file.Path, lookup.LineNumber, revoked: true);
        switch (_options.HostKeyPolicy)
        {
            case HostKeyPolicy.Off:
                return;
            case HostKeyPolicy.Callback:
                var callback = _options.HostKeyCallback
                    ?? throw new ArgumentException("HostKeyPolicy.Callback needs a HostKeyCallback", nameof(_options.HostKeyCallback));
                var check = new SshHostKeyCheck(host, port, key, lookup.Status, lookup.KnownKey, file.Path, lookup.LineNumber);
                if (!await callback(check, ct))
                    throw new SshHostKeyRejectedException(host, port, fingerprint,
                        $"the host key {fingerprint} of {host}:{port} was refused by the host key callback (known_hosts: {lookup.Status})");
                return;
        }
        switch (lookup.Status)
        {
            case KnownHostsStatus.Known:
                return;
            case KnownHostsStatus.Changed when _options.HostKeyPolicy == HostKeyPolicy.AcceptAny:
                AcceptChanged(key, file.HostKeys(host, port));
                return;
            case KnownHostsStatus.Changed:
                IReadOnlyList<KnownHostsEntry> known = file.HostKeys(host, port);
                throw new SshHostKeyMismatchException(host, port, key.KeyType, fingerprint, file.Path, known, TypeHint(known, offeredAlgorithms));
            case KnownHostsStatus.Unknown when _options.HostKeyPolicy == HostKeyPolicy.Strict:
                throw new SshHostKeyRejectedException(host, port, fingerprint,
                    $"host {host}:{port} is not in {Path} and strict host key checking is on; its {key.KeyType} key is {fingerprint}. " +
                    $"If that fingerprint is right, add the key to {Path} (ssh-keyscan -p {port} {host}) or connect once with StrictHostKeyChecking=accept-new (HostKeyPolicy.AcceptNew)");
            case KnownHostsStatus.Unknown:
                File.Add(host, port, key, _options.HashKnownHosts);
                string name = KnownHostsFile.HostName(host, port);
                _log.LogWarning("Permanently added '{Name}' ({Type}) to the list of known hosts {Path} ({Fingerprint})",
                    name, SshHostKeyNotice.KeyTypeLabel(key.KeyType), Path, fingerprint);
                _options.HostKeyNotice?.Invoke(new SshHostKeyNotice(SshHostKeyNoticeKind.Added, host, port, key, Path,
                    $"Warning: Permanently added '{name}' ({SshHostKeyNotice.KeyTypeLabel(key.KeyType)}) to the list of known hosts."));
                return;
        }
    }

    // Revoked anywhere wins, then known anywhere, then the first file where the host has other keys.
    private (KnownHostsFile File, KnownHostsLookup Lookup) LookupAll(SshPublicKey key)
    {
        (KnownHostsFile, KnownHostsLookup)? changed = null, known = null;
        foreach (KnownHostsFile file in Files)
        {
            KnownHostsLookup lookup = file.Lookup(_knownHost, _knownPort, key);
            if (lookup.Status == KnownHostsStatus.Revoked) return (file, lookup);
            if (lookup.Status == KnownHostsStatus.Known) known ??= (file, lookup);
            if (lookup.Status == KnownHostsStatus.Changed) changed ??= (file, lookup);
        }
        return known ?? changed ?? (File, new KnownHostsLookup(KnownHostsStatus.Unknown, null, null));
    }

    /// <summary>
    /// True when a @cert-authority line for the host trusts the certificate's CA and the certificate
    /// vouches for the host now; false when no such line covers the host (the certified key is then
    /// checked as a plain key, as ssh does). A certificate that fails is accepted only when its key is
    /// itself known; otherwise the failure is thrown.
    /// </summary>
    private bool CheckCertificate(SshPublicKey presented, SshCertificate certificate)
    {
        string name = KnownHostsFile.HostName(_knownHost, _knownPort);
        foreach (KnownHostsFile file in Files)
            foreach (SshPublicKey revoked in new[] { certificate.SignatureKey, certificate.Key })
                if (file.IsRevoked(_knownHost, _knownPort, revoked) is { } line)
                    throw new SshHostKeyMismatchException(_knownHost, _knownPort, null, revoked.Sha256Fingerprint, file.Path, line, revoked: true);
        var authorities = Files.SelectMany(f => f.CertificateAuthorities(_knownHost, _knownPort).Select(e => (File: f, Entry: e))).ToList();
        if (authorities.Count == 0) return false;
        string? problem;
        var trusted = authorities.FirstOrDefault(a => a.Entry.Key.Equals(certificate.SignatureKey));
        if (trusted.Entry is null)
            problem = $"its CA {certificate.SignatureKey.KeyType} {certificate.SignatureKey.Sha256Fingerprint} is not a @cert-authority known_hosts trusts for {name} " +
                $"(trusted: {string.Join(", ", authorities.Select(a => $"{a.Entry.Key.Sha256Fingerprint} at {a.File.Path}:{a.Entry.LineNumber}"))})";
        else
            problem = certificate.Check(SshCertificateKind.Host, _knownHost, DateTimeOffset.UtcNow)
                ?? (certificate.CriticalOptions.Count > 0 ? $"certificate '{certificate.KeyId}' has critical options ({string.Join(", ", certificate.CriticalOptions.Keys)}), which host certificates must not have" : null);
        if (problem is null)
        {
            _log.LogDebug("host certificate {Certificate} accepted through @cert-authority at {Path}:{Line}", certificate, trusted.File.Path, trusted.Entry!.LineNumber);
            return true;
        }
        if (LookupAll(certificate.Key).Lookup.Status == KnownHostsStatus.Known)
        {
            _log.LogWarning("host certificate of {Name} not accepted ({Problem}); its key is in known_hosts, so the connection goes on", name, problem);
            return true;
        }
        throw new SshHostCertificateException(_knownHost, _knownPort, presented.Sha256Fingerprint,
            $"the host certificate of {name} is not trusted: {problem}. Check the @cert-authority line in known_hosts, or ask for a new host certificate");
    }

    // OpenSSH's StrictHostKeyChecking=no: go on, but keep every typed secret away from this server.
    private void AcceptChanged(SshPublicKey key, IReadOnlyList<KnownHostsEntry> known)
    {
        string name = KnownHostsFile.HostName(_knownHost, _knownPort);
        string recorded = string.Join(", ", known.Select(k => $"{SshHostKeyNotice.KeyTypeLabel(k.Key.KeyType)} {k.Key.Sha256Fingerprint} ({Path}:{k.LineNumber})"));
        PasswordsDisabledReason = $"the host key of {name} has changed and StrictHostKeyChecking=no (HostKeyPolicy.AcceptAny) let the connection go on";
        _log.LogWarning("REMOTE HOST IDENTIFICATION HAS CHANGED for {Name}: it presented {Type} {Fingerprint}, known_hosts records {Recorded}; " +
            "going on because of HostKeyPolicy.AcceptAny, with password and keyboard-interactive authentication disabled",
            name, key.KeyType, key.Sha256Fingerprint, recorded);
        string message =
            "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n" +
            "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n" +
            "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n" +
            $"The server {name} presented the {SshHostKeyNotice.KeyTypeLabel(key.KeyType)} key {key.Sha256Fingerprint},\n" +
            $"which is not one {Path} records for it: {recorded}.\n" +
            "Someone may be intercepting this connection (man-in-the-middle), or the host key was replaced.\n" +
            "Going on because StrictHostKeyChecking=no: password and keyboard-interactive authentication\n" +
            "are disabled for this connection; only public keys will be tried.";
        _options.HostKeyNotice?.Invoke(new SshHostKeyNotice(SshHostKeyNoticeKind.ChangedAccepted, _knownHost, _knownPort, key, Path, message));
    }

    // A server presenting another type than the recorded ones may simply not have been offered
    // ours: say so, and which option would let it prove it still holds a recorded key.
    private static string? TypeHint(IReadOnlyList<KnownHostsEntry> known, IReadOnlyList<string> offered)
    {
        if (known.Any(k => k.Key.SignatureAlgorithms.Any(a => offered.Contains(a, StringComparer.Ordinal)))) return null;
        string? algorithm = known.SelectMany(k => k.Key.SignatureAlgorithms).FirstOrDefault();
        return algorithm is null
            ? "Vty cannot verify the recorded key types, so it cannot check that the server still holds them."
            : $"Our HostKeyAlgorithms do not allow the recorded key types, so the server could not show a recorded key: " +
              $"allow it with -o HostKeyAlgorithms=+{algorithm} (HostKeyAlgorithms option) and connect again.";
    }
}
