using System.Text;
using Vty.Ssh.Keys;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>
/// Which "publickey" requests ask the server first (RFC 4252 section 7) and which sign at once: sshd
/// logs "Postponed publickey" for every query it answers with PK_OK, so its log shows which was sent.
/// </summary>
public sealed class PublicKeyQueryTests
{
    private static SshClientOptions KeyOnly(int port, TempDirectory dir, params SshPrivateKey[] keys)
    {
        SshClientOptions options = ClientOptionsFactory.ForPassword(port, dir);
        options.Password = null;
        foreach (SshPrivateKey key in keys) options.PrivateKeys.Add(key);
        return options;
    }

    private static async Task<string> WhoAmIAsync(SshClient client) =>
        Encoding.UTF8.GetString((await client.ExecuteAsync("id -un", TestTimeouts.ShortToken())).StandardOutput);

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa256")]
    public async Task An_ed25519_or_ecdsa_key_in_memory_signs_without_asking_first(string keyName)
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: [keyName]);
        using SshPrivateKey key = SshPrivateKey.FromFile(await SshTestKeys.GetAsync(keyName));
        await using SshClient client = await SshClient.ConnectAsync(KeyOnly(server.Port, dir, key), TestTimeouts.ShortToken());
        Assert.Equal(SshTestUser.Name + "\n", await WhoAmIAsync(client));
        Assert.Contains("Accepted publickey", server.Log);
        Assert.DoesNotContain("Postponed publickey", server.Log);
    }

    [Fact]
    public async Task An_rsa_key_is_still_offered_before_it_signs()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: ["rsa"]);
        using SshPrivateKey key = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("rsa"));
        await using SshClient client = await SshClient.ConnectAsync(KeyOnly(server.Port, dir, key), TestTimeouts.ShortToken());
        Assert.Equal(SshTestUser.Name + "\n", await WhoAmIAsync(client));
        Assert.Contains("Postponed publickey", server.Log);
        Assert.Contains("Accepted publickey", server.Log);
    }

    [Fact]
    public async Task A_refused_signature_moves_on_to_the_next_key()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: ["ed25519"]);
        using SshPrivateKey refused = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ecdsa256"));
        using SshPrivateKey accepted = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ed25519"));
        await using SshClient client = await SshClient.ConnectAsync(KeyOnly(server.Port, dir, refused, accepted), TestTimeouts.ShortToken());
        Assert.Equal(SshTestUser.Name + "\n", await WhoAmIAsync(client));
        Assert.Contains($"Failed publickey for {SshTestUser.Name}", server.Log);
        Assert.Contains(refused.PublicKey.Sha256Fingerprint, server.Log);
        Assert.Contains("Accepted publickey", server.Log);
        Assert.DoesNotContain("Postponed publickey", server.Log);
    }

    [Fact]
    public async Task Only_refused_keys_fail_with_what_was_tried_and_allowed()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["PasswordAuthentication"] = "no" }, authorizedKeys: ["rsa"]);
        using SshPrivateKey refused = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ed25519"));
        var e = await Assert.ThrowsAsync<SshAuthenticationException>(() => SshClient.ConnectAsync(KeyOnly(server.Port, dir, refused), TestTimeouts.ShortToken()));
        Assert.Contains($"publickey ssh-ed25519 {refused.PublicKey.Sha256Fingerprint}", e.Message);
        Assert.Contains("the server allows publickey", e.Message);
    }

    [Fact]
    public async Task Dropbear_accepts_a_signature_sent_without_a_query()
    {
        using var dir = new TempDirectory();
        await using DropbearAuthorizedKey authorized = await DropbearAuthorizedKey.AddAsync("ed25519");
        await using var server = await DropbearServer.StartAsync(extraArguments: ["-s"]);
        using SshPrivateKey key = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ed25519"));
        await using SshClient client = await SshClient.ConnectAsync(KeyOnly(server.Port, dir, key), TestTimeouts.ShortToken());
        Assert.StartsWith("SSH-2.0-dropbear", client.ServerVersion);
        Assert.Equal(SshTestUser.Name + "\n", await WhoAmIAsync(client));
        Assert.Contains("Pubkey auth succeeded", server.Log);
    }
}
