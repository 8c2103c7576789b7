using Vty.Ssh.Keys;
using Vty.Ssh.Server.HostKeys;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Server.HostKeys;

public sealed class SshHostKeyStoreTests
{
    [Fact]
    public async Task Generated_keys_are_persisted_privately_reloaded_unchanged_and_readable_by_ssh_keygen()
    {
        using var dir = new TempDirectory();
        string keys = Path.Combine(dir.Path, "keys");
        IReadOnlyList<SshPrivateKey> first = SshHostKeyStore.LoadOrGenerate(keys);
        Assert.Equal(["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"], first.Select(k => k.KeyType));
        foreach (string name in new[] { "ssh_host_ed25519_key", "ssh_host_ecdsa_key", "ssh_host_rsa_key" })
        {
            string path = Path.Combine(keys, name);
            Assert.True(File.Exists(path) && File.Exists(path + ".pub"), name);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        IReadOnlyList<SshPrivateKey> second = SshHostKeyStore.LoadOrGenerate(keys);
        Assert.Equal(first.Select(k => k.PublicKey.Sha256Fingerprint), second.Select(k => k.PublicKey.Sha256Fingerprint));

        // OpenSSH agrees on the fingerprint of the files we wrote.
        string listing = await ManagedProcess.RunCheckedAsync("ssh-keygen", "-l", "-f", Path.Combine(keys, "ssh_host_ed25519_key"));
        Assert.Contains(first[0].PublicKey.Sha256Fingerprint, listing);
        Assert.Contains("3072", await ManagedProcess.RunCheckedAsync("ssh-keygen", "-l", "-f", Path.Combine(keys, "ssh_host_rsa_key")));
    }

    [Fact]
    public void A_file_holding_another_key_type_is_refused_with_its_path()
    {
        using var dir = new TempDirectory();
        using SshPrivateKey ecdsa = SshPrivateKey.Generate("ecdsa-sha2-nistp256");
        File.WriteAllText(dir.File("ssh_host_ed25519_key"), ecdsa.ToOpenSshPrivateKey());
        var error = Assert.Throws<SshKeyException>(() => SshHostKeyStore.LoadOrGenerate(dir.Path, ["ssh-ed25519"]));
        Assert.Contains("ssh_host_ed25519_key", error.Message);
        Assert.Contains("ecdsa-sha2-nistp256", error.Message);
    }

    [Fact]
    public void Unknown_key_types_have_no_file_name()
    {
        Assert.Equal("ssh_host_ecdsa_nistp384_key", SshHostKeyStore.FileNameFor("ecdsa-sha2-nistp384"));
        Assert.Throws<SshKeyException>(() => SshHostKeyStore.FileNameFor("ssh-foo"));
    }
}
