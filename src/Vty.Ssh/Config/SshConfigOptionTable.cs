namespace Vty.Ssh.Config;

/// <summary>
/// The ssh_config keywords Vty understands: canonical spelling (aliases map to it) and whether
/// values accumulate (IdentityFile, forwards, SendEnv…) or the first obtained one wins.
/// </summary>
internal static class SshConfigOptionTable
{
    private static readonly Dictionary<string, string> Canonical = Build(
        "HostName", "User", "Port", "IdentityFile", "IdentitiesOnly", "CertificateFile", "IdentityAgent", "AddKeysToAgent",
        "ProxyJump", "ProxyCommand", "ForwardAgent", "StrictHostKeyChecking", "UserKnownHostsFile", "GlobalKnownHostsFile",
        "HashKnownHosts", "HostKeyAlias", "ConnectTimeout", "ServerAliveInterval", "ServerAliveCountMax", "KexAlgorithms",
        "Ciphers", "MACs", "HostKeyAlgorithms", "PubkeyAcceptedAlgorithms", "PreferredAuthentications", "PasswordAuthentication",
        "KbdInteractiveAuthentication", "PubkeyAuthentication", "BatchMode", "LocalForward", "RemoteForward", "DynamicForward",
        "SendEnv", "SetEnv", "RequestTTY", "LogLevel");

    private static readonly HashSet<string> Cumulative = new(StringComparer.Ordinal)
    {
        "IdentityFile", "CertificateFile", "LocalForward", "RemoteForward", "DynamicForward", "SendEnv", "SetEnv",
    };

    /// <summary>Every keyword Vty maps onto its client options.</summary>
    public static IReadOnlyCollection<string> Names => Canonical.Values;

    /// <summary>The canonical name of a keyword (case-insensitive, old aliases included), or null when Vty does not know it.</summary>
    public static string? Lookup(string keyword) => Canonical.GetValueOrDefault(keyword.ToLowerInvariant());

    public static bool IsCumulative(string canonical) => Cumulative.Contains(canonical);

    private static Dictionary<string, string> Build(params string[] names)
    {
        var map = names.ToDictionary(n => n.ToLowerInvariant(), n => n, StringComparer.Ordinal);
        map["pubkeyacceptedkeytypes"] = "PubkeyAcceptedAlgorithms";
        map["challengeresponseauthentication"] = "KbdInteractiveAuthentication";
        return map;
    }
}
