using Vty.Ssh.Config;
using Vty.Ssh.Keys;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Config;

/// <summary>
/// Every option the issue lists, one row each: the ssh_config line, and what it must change in the
/// client options (or, for options the CLI acts on, in the resolved config it reads). Rows name where
/// the behaviour itself is tested against real servers.
/// </summary>
public sealed class SshConfigOptionsHonouredTests
{
    private sealed record Row(string Option, string Line, Func<SshClientOptions, SshResolvedConfig, bool> Honoured, string TestedBy);

    [Fact]
    public async Task Every_listed_option_is_acted_on()
    {
        using var dir = new TempDirectory("vty-config-table");
        using SshCertificateAuthority ca = await SshCertificateAuthority.CreateAsync();
        string key = await SshTestKeys.GetAsync("ed25519");
        string certificate = await ca.SignAsync(key + ".pub", "ops", copyTo: dir.File("certs"));
        string keyFingerprint = SshPrivateKey.FromFile(key).PublicKey.Sha256Fingerprint;

        Row[] rows =
        [
            new("HostName", "HostName 10.9.8.7", (o, _) => o.Host == "10.9.8.7", "SshConfigConnectTests"),
            new("User", "User ops", (o, _) => o.Username == "ops", "SshConfigConnectTests"),
            new("Port", "Port 2200", (o, _) => o.Port == 2200, "SshConfigConnectTests"),
            new("IdentityFile", $"IdentityFile {key}", (o, _) => o.PrivateKeys.Single().PublicKey.Sha256Fingerprint == keyFingerprint, "ExecOpenSshFlagsTests"),
            new("IdentitiesOnly", "IdentitiesOnly yes", (o, _) => o.IdentitiesOnly, "AgentAuthenticationTests"),
            new("CertificateFile", $"CertificateFile {certificate}", (o, _) => o.Certificates.Single().Certificate!.Principals.Single() == "ops", "UserCertificateTests"),
            new("IdentityAgent", "IdentityAgent /run/agent.sock", (o, _) => o.IdentityAgent == "/run/agent.sock", "AgentAuthenticationTests"),
            new("IdentityAgent none", "IdentityAgent none", (o, _) => o.IdentityAgent == null, "ExecReachFlagsTests"),
            new("IdentityAgent unset", "", (o, _) => o.IdentityAgent == "SSH_AUTH_SOCK", "ExecReachFlagsTests"),
            new("AddKeysToAgent", "AddKeysToAgent yes", (_, c) => c.AddKeysToAgent == "yes", "ignored with a debug note, as the issue allows"),
            new("ProxyJump", "ProxyJump ops@hop1:2222,hop2", (o, _) => o.JumpHosts.Count == 2 && o.JumpHosts[0] is { Host: "hop1", Port: 2222, Username: "ops" }
                && o.JumpHosts[1].Host == "hop2", "JumpHostTests"),
            new("ProxyCommand", "ProxyCommand nc %h %p", (o, _) => o.ProxyCommand == "nc 10.9.8.7 22", "ProxyCommandTests"),
            new("ForwardAgent", "ForwardAgent yes", (o, _) => o.ForwardAgent, "AgentForwardingTests"),
            new("StrictHostKeyChecking yes", "StrictHostKeyChecking yes", (o, _) => o.HostKeyPolicy == HostKeyPolicy.Strict, "HostKeyPolicyTests"),
            new("StrictHostKeyChecking no", "StrictHostKeyChecking no", (o, _) => o.HostKeyPolicy == HostKeyPolicy.AcceptAny, "ExecCommandTests"),
            new("StrictHostKeyChecking accept-new", "StrictHostKeyChecking accept-new", (o, _) => o.HostKeyPolicy == HostKeyPolicy.AcceptNew, "ExecCommandTests"),
            new("UserKnownHostsFile", "UserKnownHostsFile /k/one /k/two", (o, _) => o.KnownHostsPath == "/k/one" && o.ReadOnlyKnownHostsPaths[0] == "/k/two", "ExecReachFlagsTests"),
            new("GlobalKnownHostsFile", "GlobalKnownHostsFile /k/global", (o, _) => o.ReadOnlyKnownHostsPaths.SequenceEqual(["/k/global"]), "ExecReachFlagsTests"),
            new("GlobalKnownHostsFile default", "", (o, _) => o.ReadOnlyKnownHostsPaths.SequenceEqual(SshConfigClientOptions.DefaultGlobalKnownHostsFiles), "ssh's default list"),
            new("HashKnownHosts", "HashKnownHosts yes", (o, _) => o.HashKnownHosts, "ExecReachFlagsTests"),
            new("HostKeyAlias", "HostKeyAlias core", (o, _) => o.HostKeyAlias == "core", "SshConfigConnectTests"),
            new("ConnectTimeout", "ConnectTimeout 7", (o, _) => o.ConnectTimeout == TimeSpan.FromSeconds(7), "SshConfigBehaviourTests"),
            new("ServerAliveInterval", "ServerAliveInterval 9", (o, _) => o.KeepAliveInterval == TimeSpan.FromSeconds(9), "keepalive tests"),
            new("ServerAliveCountMax", "ServerAliveCountMax 4", (o, _) => o.KeepAliveCountMax == 4, "keepalive tests"),
            new("KexAlgorithms", "KexAlgorithms -sntrup*", (o, _) => !o.KexAlgorithms!.Any(k => k.StartsWith("sntrup", StringComparison.Ordinal)) && o.KexAlgorithms![0] == "mlkem768x25519-sha256", "OpenSshAlgorithmTests"),
            new("Ciphers", "Ciphers ^aes256-ctr", (o, _) => o.Ciphers![0] == "aes256-ctr", "OpenSshAlgorithmTests"),
            new("MACs", "MACs hmac-sha2-256", (o, _) => o.Macs!.SequenceEqual(["hmac-sha2-256"]), "OpenSshAlgorithmTests"),
            new("HostKeyAlgorithms", "HostKeyAlgorithms +ssh-rsa", (o, _) => o.HostKeyAlgorithms![^1] == "ssh-rsa", "HostKeyTests"),
            new("PubkeyAcceptedAlgorithms", "PubkeyAcceptedAlgorithms -ssh-ed25519*", (o, _) => !o.PublicKeyAlgorithms!.Any(a => a.StartsWith("ssh-ed25519", StringComparison.Ordinal))
                && o.PublicKeyAlgorithms!.Contains("rsa-sha2-512-cert-v01@openssh.com"), "AuthenticationTests"),
            new("PreferredAuthentications", "PreferredAuthentications password,publickey", (o, _) => o.AuthenticationMethods!.SequenceEqual(["password", "publickey"]), "SshConfigBehaviourTests"),
            new("PasswordAuthentication", "PasswordAuthentication no", (o, _) => !o.AuthenticationMethods!.Contains("password"), "SshConfigBehaviourTests"),
            new("KbdInteractiveAuthentication", "KbdInteractiveAuthentication no", (o, _) => !o.AuthenticationMethods!.Contains("keyboard-interactive"), "SshConfigBehaviourTests"),
            new("PubkeyAuthentication", $"PubkeyAuthentication no\n  IdentityFile {key}", (o, _) => o.PrivateKeys.Count == 0 && o.IdentityAgent == null
                && !o.AuthenticationMethods!.Contains("publickey"), "SshConfigBehaviourTests"),
            new("BatchMode", "BatchMode yes", (_, c) => c.BatchMode == true, "the CLI never prompts under BatchMode (RunJobOptions)"),
            new("LocalForward", "LocalForward 8080 web:80", (_, c) => c.LocalForwards.Single() == new SshForwardSpec(SshForwardKind.Local, null, 8080, "web", 80), "PortForwardingTests"),
            new("RemoteForward", "RemoteForward 9090 localhost:90", (_, c) => c.RemoteForwards.Single() is { BindPort: 9090, TargetHost: "localhost", TargetPort: 90 }, "PortForwardingTests"),
            new("DynamicForward", "DynamicForward 1080", (_, c) => c.DynamicForwards.Single() is { Kind: SshForwardKind.Dynamic, BindPort: 1080 }, "PortForwardingTests"),
            new("SendEnv", "SendEnv VTY_*", (_, c) => c.EnvironmentToSend(() => [new("VTY_A", "1"), new("HOME", "/")]).Keys.SequenceEqual(["VTY_A"]), "ExecOpenSshFlagsTests"),
            new("SetEnv", "SetEnv VTY_B=2", (_, c) => c.EnvironmentToSend(() => []).Single() is { Key: "VTY_B", Value: "2" }, "ExecOpenSshFlagsTests"),
            new("RequestTTY", "RequestTTY yes", (_, c) => c.RequestTty == "yes", "ExecReachFlagsTests (-t)"),
            new("LogLevel", "LogLevel ERROR", (_, c) => c.LogLevel == "ERROR", "HostKeyWarnings: the host-key notices follow it"),
        ];

        var failures = new List<string>();
        foreach (Row row in rows)
        {
            string text = $"Host box\n  HostName 10.9.8.7\n  {row.Line}\n";
            SshResolvedConfig resolved = SshConfig.FromText(text).Resolve("box", new SshConfigQuery { HomeDirectory = dir.Path });
            SshClientOptions options = SshConfigClientOptions.Create(resolved, homeDirectory: dir.Path);
            if (!row.Honoured(options, resolved)) failures.Add($"{row.Option} ('{row.Line}') not honoured (behaviour tested by {row.TestedBy})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        string[] listed =
        [
            "HostName", "User", "Port", "IdentityFile", "IdentitiesOnly", "CertificateFile", "IdentityAgent", "AddKeysToAgent", "ProxyJump",
            "ProxyCommand", "ForwardAgent", "StrictHostKeyChecking", "UserKnownHostsFile", "GlobalKnownHostsFile", "HashKnownHosts",
            "HostKeyAlias", "ConnectTimeout", "ServerAliveInterval", "ServerAliveCountMax", "KexAlgorithms", "Ciphers", "MACs",
            "HostKeyAlgorithms", "PubkeyAcceptedAlgorithms", "PreferredAuthentications", "PasswordAuthentication",
            "KbdInteractiveAuthentication", "PubkeyAuthentication", "BatchMode", "LocalForward", "RemoteForward", "DynamicForward",
            "SendEnv", "SetEnv", "RequestTTY", "LogLevel",
        ];
        Assert.DoesNotContain(listed, option => !rows.Any(r => r.Option.Split(' ')[0] == option));
    }
}
