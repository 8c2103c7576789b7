using Vty.Ssh.Keys;
using Vty.Ssh.KnownHosts;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>known_hosts policies against a real server: unknown, known, changed, strict and callback.</summary>
public sealed class HostKeyTests
{
    [Fact]
    public async Task AcceptNewStoresUnknownKeyAndTrustsItNextTime()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519"]);
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        await using (var first = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken()))
        {
            Assert.Equal("ssh-ed25519", first.ServerHostKey.KeyType);
        }
        KnownHostsLookup lookup = KnownHostsFile.Load(options.KnownHostsPath!).Lookup("127.0.0.1", server.Port,
            SshPublicKey.ParseOpenSshLine(await SshTestKeys.GetPublicLineAsync("ed25519")));
        Assert.Equal(KnownHostsStatus.Known, lookup.Status);
        options.HostKeyPolicy = HostKeyPolicy.Strict;
        await using var second = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        Assert.True(second.IsConnected);
    }

    [Fact]
    public async Task StrictRefusesUnknownHost()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519"]);
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        options.HostKeyPolicy = HostKeyPolicy.Strict;
        var e = await Assert.ThrowsAsync<SshHostKeyRejectedException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));
        Assert.StartsWith("SHA256:", e.PresentedFingerprint);
        Assert.Contains("StrictHostKeyChecking=accept-new", e.Message);
        Assert.False(File.Exists(options.KnownHostsPath) && File.ReadAllText(options.KnownHostsPath!).Length > 0);
    }

    [Fact]
    public async Task ChangedKeyIsRefusedWithBothFingerprintsAndTheLine()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519"]);
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        await File.WriteAllTextAsync(options.KnownHostsPath!, "# comment\n");
        KnownHostsFile.Load(options.KnownHostsPath!).Add("127.0.0.1", server.Port, SshPublicKey.ParseOpenSshLine(
            (await SshTestKeys.GetPublicLineAsync("ed25519-encrypted"))));
        var e = await Assert.ThrowsAsync<SshHostKeyMismatchException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));
        string presented = SshPublicKey.ParseOpenSshLine(await SshTestKeys.GetPublicLineAsync("ed25519")).Sha256Fingerprint;
        Assert.Equal(presented, e.PresentedFingerprint);
        Assert.NotNull(e.KnownFingerprint);
        Assert.NotEqual(presented, e.KnownFingerprint);
        Assert.Equal(2, e.LineNumber);
        Assert.Equal(options.KnownHostsPath, e.KnownHostsPath);
        Assert.Contains(e.KnownFingerprint!, e.Message);
        Assert.Contains(presented, e.Message);
    }

    [Fact]
    public async Task KnownKeyTypeIsNegotiatedFirstWithAnSshdHoldingSeveral()
    {
        // sshd holds ed25519, ECDSA and RSA keys; we prefer ed25519 but know this host by its ECDSA key.
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519", "ecdsa256", "rsa"]);
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        SshPublicKey ecdsa = SshPublicKey.ParseOpenSshLine(await SshTestKeys.GetPublicLineAsync("ecdsa256"));
        await File.WriteAllTextAsync(options.KnownHostsPath!, $"[127.0.0.1]:{server.Port} {ecdsa.ToOpenSshLine()}\n");
        options.HostKeyPolicy = HostKeyPolicy.Strict;
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        Assert.Equal(ecdsa, client.ServerHostKey);
        Assert.Equal("ecdsa-sha2-nistp256", client.Algorithms.HostKey);
    }

    [Fact]
    public async Task AnSshdShowingAnotherKeyTypeThanTheKnownOneIsAChangedHost()
    {
        // known_hosts has an RSA key for the host; this sshd has only ed25519 (a key type switch).
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519"]);
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        SshPublicKey rsa = SshPublicKey.ParseOpenSshLine(await SshTestKeys.GetPublicLineAsync("rsa"));
        await File.WriteAllTextAsync(options.KnownHostsPath!, $"[127.0.0.1]:{server.Port} {rsa.ToOpenSshLine()}\n");
        var e = await Assert.ThrowsAsync<SshHostKeyMismatchException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));
        Assert.Equal("ssh-ed25519", e.PresentedKeyType);
        Assert.Equal(rsa.Sha256Fingerprint, e.KnownFingerprint);
        Assert.Contains("RSA " + rsa.Sha256Fingerprint + " (line 1)", e.Message);
        Assert.Single(File.ReadAllLines(options.KnownHostsPath!));
        Assert.DoesNotContain("password for", server.Log);
    }

    [Fact]
    public async Task CallbackDecides()
    {
        using var dir = new TempDirectory();
        await using var server = await OpenSshServer.StartAsync(hostKeys: ["ed25519"]);
        SshClientOptions options = ClientOptionsFactory.ForPassword(server.Port, dir);
        options.HostKeyPolicy = HostKeyPolicy.Callback;
        SshHostKeyCheck? seen = null;
        options.HostKeyCallback = (check, _) =>
        {
            seen = check;
            return ValueTask.FromResult(false);
        };
        await Assert.ThrowsAsync<SshHostKeyRejectedException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));
        Assert.NotNull(seen);
        Assert.Equal(KnownHostsStatus.Unknown, seen.Status);
        Assert.Equal(server.Port, seen.Port);
        options.HostKeyCallback = (_, _) => ValueTask.FromResult(true);
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        Assert.True(client.IsConnected);
    }
}
