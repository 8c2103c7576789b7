using Microsoft.Extensions.Logging;
using Vty.Ssh.Keys;
using Vty.Ssh.KnownHosts;

namespace Vty.Ssh;

/// <summary>Applies <see cref="SshClientOptions.HostKeyPolicy"/> to a server's (signature-verified) host key.</summary>
internal static class HostKeyVerifier
{
    public static string DefaultKnownHostsPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");

    public static async ValueTask VerifyAsync(SshClientOptions options, SshPublicKey key, ILogger log, CancellationToken ct)
    {
        if (options.HostKeyPolicy == HostKeyPolicy.Off) return;
        string path = options.KnownHostsPath ?? DefaultKnownHostsPath;
        KnownHostsFile file = KnownHostsFile.Load(path);
        // With HostKeyAlias the key is filed under the alias alone, without the port (as OpenSSH does).
        string knownHost = options.HostKeyAlias ?? options.Host;
        int knownPort = options.HostKeyAlias is null ? options.Port : 22;
        KnownHostsLookup lookup = file.Lookup(knownHost, knownPort, key);
        string fingerprint = key.Sha256Fingerprint;
        if (options.HostKeyPolicy == HostKeyPolicy.Callback)
        {
            var callback = options.HostKeyCallback
                ?? throw new ArgumentException("HostKeyPolicy.Callback needs a HostKeyCallback", nameof(options));
            var check = new SshHostKeyCheck(options.Host, options.Port, key, lookup.Status, lookup.KnownKey, path, lookup.LineNumber);
            if (!await callback(check, ct))
                throw new SshHostKeyRejectedException(options.Host, options.Port, fingerprint,
                    $"the host key {fingerprint} of {options.Host}:{options.Port} was refused by the host key callback (known_hosts: {lookup.Status})");
            return;
        }
        switch (lookup.Status)
        {
            case KnownHostsStatus.Known:
                return;
            case KnownHostsStatus.Revoked:
                throw new SshHostKeyMismatchException(options.Host, options.Port, null, fingerprint, path, lookup.LineNumber, revoked: true);
            case KnownHostsStatus.Changed:
                throw new SshHostKeyMismatchException(options.Host, options.Port, lookup.KnownKey?.Sha256Fingerprint, fingerprint, path, lookup.LineNumber);
            case KnownHostsStatus.Unknown when options.HostKeyPolicy == HostKeyPolicy.Strict:
                throw new SshHostKeyRejectedException(options.Host, options.Port, fingerprint,
                    $"host {options.Host}:{options.Port} is not in {path} and strict host key checking is on; its {key.KeyType} key is {fingerprint}. " +
                    $"If that fingerprint is right, add the key to {path} (ssh-keyscan -p {options.Port} {options.Host}) or connect once with StrictHostKeyChecking=accept-new (HostKeyPolicy.AcceptNew)");
            case KnownHostsStatus.Unknown:
                file.Add(knownHost, knownPort, key);
                log.LogInformation("added {Host}:{Port} ({KeyType} {Fingerprint}) to {Path}", options.Host, options.Port, key.KeyType, fingerprint, path);
                return;
        }
    }
}
