using System.Globalization;
using Vty.Ssh.KnownHosts;

namespace Vty.Ssh;

/// <summary>
/// The server's host key is not one known_hosts records for the host (a different key, or a key of
/// another type), or it is marked @revoked: possible man-in-the-middle. Nothing was sent to the server.
/// </summary>
public sealed class SshHostKeyMismatchException : SshException
{
    /// <summary>A changed or revoked key, with the single recorded key (or none when revoked) that was expected.</summary>
    public SshHostKeyMismatchException(string host, int port, string? knownFingerprint, string presentedFingerprint,
        string knownHostsPath, int? lineNumber, bool revoked = false)
        : base(revoked
            ? RevokedMessage(host, port, presentedFingerprint, knownHostsPath, lineNumber)
            : $"HOST KEY CHANGED for {host}:{port}: known_hosts has {knownFingerprint} ({knownHostsPath}:{lineNumber}), the server presented {presentedFingerprint}; " +
              $"if the change is expected, remove line {lineNumber} from {knownHostsPath}")
    {
        Host = host;
        Port = port;
        KnownFingerprint = knownFingerprint;
        PresentedFingerprint = presentedFingerprint;
        KnownHostsPath = knownHostsPath;
        LineNumber = lineNumber;
        IsRevoked = revoked;
        PresentedKeyType = "";
        KnownKeys = [];
    }

    /// <summary>
    /// A host known by <paramref name="knownKeys"/> presented another key (<paramref name="presentedKeyType"/>
    /// may differ from all of theirs). <paramref name="hint"/> is added to the advice when not null.
    /// </summary>
    public SshHostKeyMismatchException(string host, int port, string presentedKeyType, string presentedFingerprint,
        string knownHostsPath, IReadOnlyList<KnownHostsEntry> knownKeys, string? hint = null)
        : base(ChangedMessage(host, port, presentedKeyType, presentedFingerprint, knownHostsPath, knownKeys, hint))
    {
        if (knownKeys.Count == 0) throw new ArgumentException("a changed host has at least one known key", nameof(knownKeys));
        Host = host;
        Port = port;
        PresentedKeyType = presentedKeyType;
        PresentedFingerprint = presentedFingerprint;
        KnownHostsPath = knownHostsPath;
        KnownKeys = knownKeys;
        KnownKeyEntry preferred = Preferred(knownKeys, presentedKeyType);
        KnownFingerprint = preferred.Fingerprint;
        LineNumber = preferred.Line;
    }

    public string Host { get; }
    public int Port { get; }

    /// <summary>SHA256 fingerprint of the recorded key (one of the same type when there is one); null when the key was revoked.</summary>
    public string? KnownFingerprint { get; }

    public string PresentedFingerprint { get; }

    /// <summary>Type of the presented key, e.g. "ecdsa-sha2-nistp256" (empty when not recorded).</summary>
    public string PresentedKeyType { get; }

    public string KnownHostsPath { get; }

    /// <summary>Line of <see cref="KnownFingerprint"/> (or of the @revoked entry).</summary>
    public int? LineNumber { get; }

    /// <summary>True when the presented key is marked @revoked.</summary>
    public bool IsRevoked { get; }

    /// <summary>Every known_hosts line that names the host (its recorded keys, with their line numbers).</summary>
    public IReadOnlyList<KnownHostsEntry> KnownKeys { get; }

    private readonly record struct KnownKeyEntry(string Fingerprint, int Line);

    private static KnownKeyEntry Preferred(IReadOnlyList<KnownHostsEntry> known, string presentedKeyType)
    {
        KnownHostsEntry entry = known.FirstOrDefault(k => k.Key.KeyType == presentedKeyType) ?? known[0];
        return new KnownKeyEntry(entry.Key.Sha256Fingerprint, entry.LineNumber);
    }

    private static string RevokedMessage(string host, int port, string presented, string path, int? line) =>
        $"host key {presented} of {host}:{port} is marked @revoked in {path}:{line}; nothing was sent to the server. " +
        "Do not trust this server until its administrator installs a new host key";

    private static string ChangedMessage(string host, int port, string presentedKeyType, string presented, string path,
        IReadOnlyList<KnownHostsEntry> known, string? hint)
    {
        string name = KnownHostsFile.HostName(host, port);
        string recorded = string.Join(", ", known.Select(k =>
            string.Create(CultureInfo.InvariantCulture, $"{SshHostKeyNotice.KeyTypeLabel(k.Key.KeyType)} {k.Key.Sha256Fingerprint} (line {k.LineNumber})")));
        string switched = known.Any(k => k.Key.KeyType == presentedKeyType) ? "" : " (a key type it is not known by)";
        return $"REMOTE HOST IDENTIFICATION HAS CHANGED for {name}: the server presented the {SshHostKeyNotice.KeyTypeLabel(presentedKeyType)} key " +
            $"{presented}{switched}, but {path} records {recorded}. Someone may be intercepting the connection (man-in-the-middle), " +
            $"or the host key was replaced; nothing was sent to the server. {(hint is null ? "" : hint + " ")}" +
            $"If the change is expected, remove the old entries (ssh-keygen -R '{name}' -f {path}) and connect again";
    }
}
