using System.Text;
using System.Text.RegularExpressions;
using Vty.Ssh.Authentication.Agent;
using Vty.Ssh.Config;
using Vty.Ssh.Keys;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>The ssh-agent client against a real OpenSSH ssh-agent holding ed25519, ECDSA and RSA keys, and logins through it to a real sshd.</summary>
public sealed class AgentAuthenticationTests
{
    private static readonly string[] KeyNames = ["ed25519", "ecdsa256", "rsa"];

    [Fact]
    public async Task Lists_the_agents_keys_in_its_order_and_each_signs_with_every_algorithm_it_has()
    {
        CancellationToken ct = TestTimeouts.LongToken();
        await using SshAgentProcess agent = await SshAgentProcess.StartAsync();
        string[] files = await Task.WhenAll(KeyNames.Select(SshTestKeys.GetAsync));
        await agent.AddAsync(files);
        await using SshAgentClient client = await SshAgentClient.ConnectAsync(agent.SocketPath, ct);
        IReadOnlyList<SshAgentIdentity> held = await client.ListIdentitiesAsync(ct);

        string[] expected = [.. files.Select(f => SshPublicKey.ParseOpenSshLine(File.ReadAllText(f + ".pub")).Sha256Fingerprint)];
        Assert.Equal(expected, held.Select(h => h.Key.Sha256Fingerprint));
        Assert.Equal(["vty-test-ed25519", "vty-test-ecdsa256", "vty-test-rsa"], held.Select(h => h.Comment));

        byte[] data = Encoding.UTF8.GetBytes("session id and request");
        foreach (SshAgentIdentity identity in held)
            foreach (string algorithm in identity.Key.SignatureAlgorithms)
            {
                byte[] signature = await client.SignAsync(identity.Key, data, algorithm, ct);
                Assert.True(identity.Key.VerifySignature(data, signature, algorithm), $"{algorithm} signature by the agent does not verify");
                Assert.False(identity.Key.VerifySignature([.. data, 1], signature, algorithm));
            }
    }

    [Fact]
    public async Task A_key_the_agent_does_not_hold_is_a_typed_refusal()
    {
        CancellationToken ct = TestTimeouts.ShortToken();
        await using SshAgentProcess agent = await SshAgentProcess.StartAsync();
        await using SshAgentClient client = await SshAgentClient.ConnectAsync(agent.SocketPath, ct);
        Assert.Empty(await client.ListIdentitiesAsync(ct));
        using SshPrivateKey stranger = SshPrivateKey.Generate("ssh-ed25519");
        var error = await Assert.ThrowsAsync<SshAgentException>(() => client.SignAsync(stranger.PublicKey, new byte[] { 1 }, "ssh-ed25519", ct));
        Assert.Contains("refused to sign", error.Message);
        await Assert.ThrowsAsync<SshAgentException>(() => SshAgentClient.ConnectAsync(agent.SocketPath + ".missing", ct));
    }

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ecdsa256", null)]
    [InlineData("rsa", "rsa-sha2-512")]
    [InlineData("rsa", "rsa-sha2-256")]
    public async Task Logs_in_with_a_key_only_the_agent_holds(string keyName, string? serverAlgorithms)
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-agent-login");
        await using SshAgentProcess agent = await SshAgentProcess.StartAsync();
        await agent.AddAsync(await Task.WhenAll(KeyNames.Select(SshTestKeys.GetAsync)));
        var settings = new Dictionary<string, string> { ["PasswordAuthentication"] = "no" };
        // Pinning the server to one RSA algorithm proves the agent was asked with the matching rsa-sha2 flag.
        if (serverAlgorithms != null) settings["PubkeyAcceptedAlgorithms"] = serverAlgorithms;
        await using OpenSshServer server = await OpenSshServer.StartAsync(settings, authorizedKeys: [keyName]);
        SshClientOptions options = ReachOptions.Password(server.Port, dir);
        options.Password = null;
        options.IdentityAgent = agent.SocketPath;
        await using SshClient client = await SshClient.ConnectAsync(options, ct);
        SshExecResult result = await client.ExecuteAsync("echo agent-ok", ct);
        Assert.Equal("agent-ok\n", Encoding.UTF8.GetString(result.StandardOutput));
        string fingerprint = SshPublicKey.ParseOpenSshLine(await SshTestKeys.GetPublicLineAsync(keyName)).Sha256Fingerprint;
        Assert.Contains(fingerprint, server.Log);
        Assert.Contains("Accepted publickey", server.Log);
        // The agent may ask its user to confirm each signature: its keys are offered before it is asked.
        Assert.Contains("Postponed publickey", server.Log);
    }

    [Fact]
    public async Task IdentityAgent_none_and_IdentitiesOnly_keep_the_agents_keys_out()
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-agent-none");
        await using SshAgentProcess agent = await SshAgentProcess.StartAsync();
        await agent.AddAsync(await SshTestKeys.GetAsync("ed25519"));
        await using OpenSshServer server = await OpenSshServer.StartAsync(
            new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: ["ed25519"]);
        string config = $"""
            Host target
              HostName 127.0.0.1
              Port {server.Port}
              User {SshTestUser.Name}
              UserKnownHostsFile {dir.File("known_hosts")}
              IdentityFile {await SshTestKeys.GetAsync("ecdsa256")}
            """;
        SshClientOptions Options(string extra) => SshConfig.FromText(config + "\n  " + extra).CreateClientOptions("target");

        await using (SshClient viaAgent = await SshClient.ConnectAsync(Options($"IdentityAgent {agent.SocketPath}"), ct)) { }
        var none = await Assert.ThrowsAsync<SshAuthenticationException>(() => SshClient.ConnectAsync(Options("IdentityAgent none"), ct));
        Assert.DoesNotContain(none.MethodsTried, m => m.Contains("ED25519", StringComparison.OrdinalIgnoreCase) || m.Contains("ssh-ed25519"));
        var only = await Assert.ThrowsAsync<SshAuthenticationException>(() =>
            SshClient.ConnectAsync(Options($"IdentityAgent {agent.SocketPath}\n  IdentitiesOnly yes"), ct));
        Assert.Single(only.MethodsTried, m => m.StartsWith("publickey", StringComparison.Ordinal));
    }

    /// <summary>
    /// The order keys are offered in is OpenSSH's: the same agent, key files and IdentitiesOnly given to
    /// the real ssh client (-v shows each "Offering public key") and to ours (the tried list).
    /// </summary>
    [Theory]
    [InlineData("no")]
    [InlineData("yes")]
    public async Task Offers_agent_and_file_keys_in_the_order_OpenSSH_does(string identitiesOnly)
    {
        CancellationToken ct = TestTimeouts.LongToken();
        using var dir = new TempDirectory("vty-agent-order");
        await using SshAgentProcess agent = await SshAgentProcess.StartAsync();
        // The agent holds C then A; the files are B then A.
        string a = await SshTestKeys.GetAsync("ed25519"), b = await SshTestKeys.GetAsync("rsa"), c = await SshTestKeys.GetAsync("ecdsa256");
        await agent.AddAsync(c);
        await agent.AddAsync(a);
        await using OpenSshServer server = await OpenSshServer.StartAsync(
            new Dictionary<string, string> { ["PasswordAuthentication"] = "no", ["MaxAuthTries"] = "30" }, authorizedKeys: []);

        var (_, openSshOutput) = await agent.RunAsync("/usr/bin/ssh", "-F", "none", "-v", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
            "-o", $"UserKnownHostsFile={dir.File("kh_openssh")}", "-o", $"IdentityAgent={agent.SocketPath}", "-o", $"IdentitiesOnly={identitiesOnly}",
            "-o", "PreferredAuthentications=publickey", "-i", b, "-i", a, "-p", server.Port.ToString(), $"{SshTestUser.Name}@127.0.0.1", "true");
        List<string> openSsh = [.. Regex.Matches(openSshOutput, @"Offering public key: .*?(SHA256:[A-Za-z0-9+/]+)").Select(m => m.Groups[1].Value).Distinct()];
        Assert.True(openSsh.Count >= 2, openSshOutput);

        SshClientOptions options = SshConfig.FromText($"""
            Host target
              HostName 127.0.0.1
              Port {server.Port}
              User {SshTestUser.Name}
              UserKnownHostsFile {dir.File("kh_vty")}
              IdentityAgent {agent.SocketPath}
              IdentitiesOnly {identitiesOnly}
              PreferredAuthentications publickey
              IdentityFile {b}
              IdentityFile {a}
            """).CreateClientOptions("target");
        var error = await Assert.ThrowsAsync<SshAuthenticationException>(() => SshClient.ConnectAsync(options, ct));
        List<string> ours = [.. error.MethodsTried.Select(m => Regex.Match(m, @"SHA256:[A-Za-z0-9+/]+").Value).Where(f => f.Length > 0).Distinct()];
        string offered = string.Join("\n", openSshOutput.Split('\n').Where(l => l.Contains("Will attempt key", StringComparison.Ordinal)));
        Assert.True(openSsh.SequenceEqual(ours), $"OpenSSH offered {string.Join(", ", openSsh)}, Vty {string.Join(", ", ours)}:\n{offered}");
        Assert.Equal(identitiesOnly == "yes" ? 2 : 3, ours.Count);
    }
}
