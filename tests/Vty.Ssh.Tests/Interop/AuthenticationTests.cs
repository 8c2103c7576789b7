using System.Text;
using Vty.Ssh.Keys;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>Every authentication method and key format against sshd, and the failures.</summary>
public sealed class AuthenticationTests
{
    private static SshClientOptions KeyOnly(int port, TempDirectory dir, params SshPrivateKey[] keys)
    {
        SshClientOptions options = ClientOptionsFactory.ForPassword(port, dir);
        options.Password = null;
        foreach (var key in keys) options.PrivateKeys.Add(key);
        return options;
    }

    private static async Task AssertWhoAmIAsync(SshClient client)
    {
        SshExecResult result = await client.ExecuteAsync("id -un", TestTimeouts.ShortToken());
        Assert.Equal(SshTestUser.Name + "\n", Encoding.UTF8.GetString(result.StandardOutput));
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa256", "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa384", "ecdsa-sha2-nistp384")]
    [InlineData("ecdsa521", "ecdsa-sha2-nistp521")]
    [InlineData("rsa", "rsa-sha2-512")]
    [InlineData("rsa-pem", "rsa-sha2-512")]
    [InlineData("rsa-pkcs8", "rsa-sha2-512")]
    [InlineData("ecdsa-pem", "ecdsa-sha2-nistp256")]
    [InlineData("ed25519-encrypted", "ssh-ed25519")]
    [InlineData("rsa-pem-encrypted", "rsa-sha2-512")]
    public async Task PublicKey(string keyName, string expectedAlgorithm)
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" },
            authorizedKeys: [keyName]);
        string? passphrase = keyName.EndsWith("-encrypted", StringComparison.Ordinal) ? SshTestKeys.Passphrase : null;
        using SshPrivateKey key = SshPrivateKey.FromFile(await SshTestKeys.GetAsync(keyName), passphrase);
        await using var client = await SshClient.ConnectAsync(KeyOnly(server.Port, dir, key), TestTimeouts.ShortToken());
        await AssertWhoAmIAsync(client);
        Assert.Contains($"Accepted publickey for {SshTestUser.Name}", server.Log);
        Assert.Contains(expectedAlgorithm.StartsWith("rsa", StringComparison.Ordinal) ? "RSA SHA256:" : "SHA256:", server.Log);
    }

    [Fact]
    public async Task RsaKeyUsesSha2FromServerSigAlgs()
    {
        using var dir = new TempDirectory();
        // sshd refuses ssh-rsa (SHA-1) signatures by default, so success proves an rsa-sha2 algorithm was chosen.
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string>
            { ["PasswordAuthentication"] = "no", ["PubkeyAcceptedAlgorithms"] = "rsa-sha2-256" }, authorizedKeys: ["rsa"]);
        using SshPrivateKey key = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("rsa"));
        await using var client = await SshClient.ConnectAsync(KeyOnly(server.Port, dir, key), TestTimeouts.ShortToken());
        await AssertWhoAmIAsync(client);
    }

    [Fact]
    public async Task KeyboardInteractiveOnlyServerIsAnsweredWithThePassword()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string>
        {
            ["UsePAM"] = "yes",
            ["PasswordAuthentication"] = "no",
            ["KbdInteractiveAuthentication"] = "yes",
            ["AuthenticationMethods"] = "keyboard-interactive",
        });
        await using var client = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(server.Port, dir), TestTimeouts.ShortToken());
        await AssertWhoAmIAsync(client);
        Assert.Contains("Accepted keyboard-interactive", server.Log);
    }

    [Fact]
    public async Task KeyboardInteractiveCallbackAnswersPrompts()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string>
        {
            ["UsePAM"] = "yes",
            ["PasswordAuthentication"] = "no",
            ["KbdInteractiveAuthentication"] = "yes",
        });
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        options.Password = null;
        var seen = new List<string>();
        options.KeyboardInteractive = (prompt, _) =>
        {
            seen.AddRange(prompt.Prompts.Select(p => p.Text));
            return ValueTask.FromResult(prompt.Prompts.Select(_ => SshTestUser.Password).ToArray());
        };
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        await AssertWhoAmIAsync(client);
        Assert.Contains(seen, p => p.Contains("assword", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoStepPublicKeyThenPassword()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string>
            { ["AuthenticationMethods"] = "publickey,password" }, authorizedKeys: ["ed25519"]);
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        options.PrivateKeys.Add(SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ed25519")));
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        await AssertWhoAmIAsync(client);
        Assert.Contains("Partial publickey", server.Log);
        Assert.Contains("Accepted password", server.Log);
    }

    [Fact]
    public async Task WrongPasswordNamesMethodsTriedAndAllowed()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync();
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        options.Password = "wrong-password";
        var e = await Assert.ThrowsAsync<SshAuthenticationException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));
        Assert.Contains("password", e.MethodsTried);
        Assert.Contains("none", e.MethodsTried);
        Assert.Contains("publickey", e.MethodsAllowed);
        Assert.Contains("password", e.MethodsAllowed);
        Assert.DoesNotContain("wrong-password", e.Message);
    }

    [Fact]
    public async Task WrongKeyIsRefused()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" },
            authorizedKeys: ["ed25519"]);
        using SshPrivateKey wrong = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ecdsa256"));
        var e = await Assert.ThrowsAsync<SshAuthenticationException>(() =>
            SshClient.ConnectAsync(KeyOnly(server.Port, dir, wrong), TestTimeouts.ShortToken()));
        Assert.Contains(e.MethodsTried, m => m.StartsWith("publickey ecdsa-sha2-nistp256", StringComparison.Ordinal));
        Assert.Equal(["publickey"], e.MethodsAllowed);
    }

    [Fact]
    public async Task DropbearPasswordLogin()
    {
        using var dir = new TempDirectory();
        await using var server = await DropbearServer.StartAsync();
        await using var client = await SshClient.ConnectAsync(ClientOptionsFactory.ForPassword(server.Port, dir), TestTimeouts.ShortToken());
        Assert.StartsWith("SSH-2.0-dropbear", client.ServerVersion);
        await AssertWhoAmIAsync(client);
    }
}
