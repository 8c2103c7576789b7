using System.Globalization;
using Vty.Ssh.Config;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Config;

/// <summary>
/// Runs the real `ssh -G -F FILE HOST` (OpenSSH's own evaluation of a config, printed as
/// "keyword value" lines) and renders our resolved config the same way, for the keywords we set.
/// </summary>
internal static class OpenSshConfigDump
{
    public static async Task<Dictionary<string, List<string>>> SshAsync(string configFile, string host, params string[] extra)
    {
        Assert.True(File.Exists("/usr/bin/ssh"), "OpenSSH client missing: run scripts/install-test-deps.sh");
        var (code, stdout, _, output) = await ManagedProcess.RunCapturedAsync("/usr/bin/ssh",
            ["-G", "-F", configFile, .. extra, host], null, TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"ssh -G failed ({code}): {output}");
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ');
            if (space < 0) continue;
            string key = line[..space];
            if (!result.TryGetValue(key, out var list)) result[key] = list = [];
            list.Add(line[(space + 1)..]);
        }
        return result;
    }

    /// <summary>Our values in ssh -G's spelling, only for what the config set (defaults differ by design).</summary>
    public static Dictionary<string, List<string>> Ours(SshResolvedConfig c)
    {
        var d = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (value is null) return;
            if (!d.TryGetValue(key, out var list)) d[key] = list = [];
            list.Add(value);
        }
        static string YesNo(bool value) => value ? "yes" : "no";
        static string Seconds(TimeSpan t) => ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        Add("hostname", c.HostName);
        Add("user", c.User);
        Add("port", c.Port.ToString(CultureInfo.InvariantCulture));
        foreach (string f in c.IdentityFiles) Add("identityfile", f);
        foreach (string f in c.CertificateFiles) Add("certificatefile", f);
        if (c.UserKnownHostsFiles.Count > 0) Add("userknownhostsfile", string.Join(' ', c.UserKnownHostsFiles));
        if (c.GlobalKnownHostsFiles.Count > 0) Add("globalknownhostsfile", string.Join(' ', c.GlobalKnownHostsFiles));
        if (c.IdentitiesOnly is { } io) Add("identitiesonly", YesNo(io));
        Add("identityagent", c.IdentityAgent);
        if (c.ProxyJump is { Count: > 0 } jump) Add("proxyjump", string.Join(',', jump));
        Add("proxycommand", c.ProxyCommand);
        if (c.ForwardAgent is { } fa && c.ForwardAgentSocket is null) Add("forwardagent", YesNo(fa));
        Add("stricthostkeychecking", c.StrictHostKeyChecking switch { "yes" => "true", "no" => "false", var v => v });
        if (c.HashKnownHosts is { } hk) Add("hashknownhosts", YesNo(hk));
        Add("hostkeyalias", c.HostKeyAlias);
        if (c.ConnectTimeout is { } ct) Add("connecttimeout", Seconds(ct));
        if (c.ServerAliveInterval is { } sa) Add("serveraliveinterval", Seconds(sa));
        if (c.ServerAliveCountMax is { } sc) Add("serveralivecountmax", sc.ToString(CultureInfo.InvariantCulture));
        Add("kexalgorithms", c.KexAlgorithms);
        Add("ciphers", c.Ciphers);
        Add("macs", c.Macs);
        Add("hostkeyalgorithms", c.HostKeyAlgorithms);
        Add("pubkeyacceptedalgorithms", c.PubkeyAcceptedAlgorithms);
        if (c.PreferredAuthentications is { } pa) Add("preferredauthentications", string.Join(',', pa));
        if (c.PasswordAuthentication is { } pw) Add("passwordauthentication", YesNo(pw));
        if (c.KbdInteractiveAuthentication is { } kb) Add("kbdinteractiveauthentication", YesNo(kb));
        if (c.PubkeyAuthentication is { } pk) Add("pubkeyauthentication", pk ? "true" : "false");
        if (c.BatchMode is { } bm) Add("batchmode", YesNo(bm));
        foreach (SshForwardSpec f in c.LocalForwards) Add("localforward", f.ToString());
        foreach (SshForwardSpec f in c.RemoteForwards) Add("remoteforward", f.ToString());
        foreach (SshForwardSpec f in c.DynamicForwards) Add("dynamicforward", f.ToString());
        foreach (string p in c.SendEnv) Add("sendenv", p);
        foreach (var (k, v) in c.SetEnv) Add("setenv", $"{k}={v}");
        Add("requesttty", c.RequestTty);
        Add("loglevel", c.LogLevel);
        return d;
    }

    /// <summary>Every keyword we produced must equal what ssh printed for it.</summary>
    public static void AssertSame(Dictionary<string, List<string>> ours, Dictionary<string, List<string>> ssh)
    {
        foreach (var (key, values) in ours)
        {
            Assert.True(ssh.TryGetValue(key, out var theirs), $"ssh -G printed no '{key}' (we have {string.Join(" | ", values)})");
            Assert.True(values.SequenceEqual(theirs!), $"{key}: ours [{string.Join(" | ", values)}], ssh -G [{string.Join(" | ", theirs!)}]");
        }
    }
}
