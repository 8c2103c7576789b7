using Vty.Ssh.Keys;

namespace Vty.Ssh.Tests.Keys;

/// <summary>Keys made by ssh-keygen at test time, in every supported file format, read by Vty.</summary>
public class PrivateKeyFileTests
{
    private const string Passphrase = "correct horse 42";

    public static TheoryData<string, int?, string?, string?, string> Keys() => new()
    {
        // type, bits, -m format, -Z cipher, passphrase
        { "ed25519", null, null, null, "" },
        { "ecdsa", 256, null, null, "" },
        { "ecdsa", 384, null, null, "" },
        { "ecdsa", 521, null, null, "" },
        { "rsa", 2048, null, null, "" },
        { "dsa", null, null, null, "" },
        { "rsa", 2048, "PEM", null, "" },
        { "ecdsa", 256, "PEM", null, "" },
        { "ecdsa", 521, "PEM", null, "" },
        { "dsa", null, "PEM", null, "" },
        { "rsa", 2048, "PKCS8", null, "" },
        { "ecdsa", 384, "PKCS8", null, "" },
        { "ed25519", null, null, null, Passphrase },
        { "ecdsa", 256, null, null, Passphrase },
        { "rsa", 2048, null, null, Passphrase },
        { "ed25519", null, null, "aes256-gcm@openssh.com", Passphrase },
        { "ed25519", null, null, "aes128-cbc", Passphrase },
        { "rsa", 2048, "PEM", null, Passphrase },
        { "ecdsa", 384, "PEM", null, Passphrase },
        { "rsa", 2048, "PKCS8", null, Passphrase },
        { "ecdsa", 256, "PKCS8", null, Passphrase },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Ssh_keygen_keys_parse_with_matching_fingerprint_and_sign(string type, int? bits, string? format, string? cipher, string passphrase)
    {
        using var keygen = new KeygenTool();
        string path = await keygen.GenerateAsync("id", type, bits, passphrase, format, cipher);
        (string fingerprint, int keyBits) = await keygen.FingerprintAsync(path + ".pub");

        using SshPrivateKey key = SshPrivateKey.FromFile(path, passphrase.Length == 0 ? null : passphrase);
        SshPublicKey publicKey = SshPublicKey.ParseOpenSshLine(await File.ReadAllTextAsync(path + ".pub"));
        Assert.Equal(publicKey, key.PublicKey);
        Assert.Equal(fingerprint, key.PublicKey.Sha256Fingerprint);
        Assert.Equal(keyBits, key.PublicKey.Bits);
        if (format is null) Assert.Equal("test@id", key.Comment);

        byte[] data = "exchange hash stand-in"u8.ToArray();
        foreach (string algorithm in key.SignatureAlgorithms)
        {
            byte[] signature = key.Sign(algorithm, data);
            Assert.True(publicKey.VerifySignature(data, signature, algorithm));
            Assert.False(publicKey.VerifySignature("other data"u8, signature));
        }
    }

    [Theory]
    [InlineData("ed25519", null, null)]
    [InlineData("ed25519", null, "aes256-gcm@openssh.com")]
    [InlineData("rsa", "PEM", null)]
    [InlineData("ecdsa", "PKCS8", null)]
    public async Task Wrong_or_missing_passphrase_is_a_clear_error_without_the_passphrase(string type, string? format, string? cipher)
    {
        using var keygen = new KeygenTool();
        string path = await keygen.GenerateAsync("id", type, null, Passphrase, format, cipher);
        var missing = Assert.Throws<SshKeyPassphraseException>(() => SshPrivateKey.FromFile(path));
        Assert.Contains("passphrase", missing.Message);
        Assert.Contains(path, missing.Message);
        Assert.Contains("VTY_KEY_PASSPHRASE", missing.Message);
        var wrong = Assert.Throws<SshKeyPassphraseException>(() => SshPrivateKey.FromFile(path, "not the passphrase"));
        Assert.Contains("wrong passphrase", wrong.Message);
        Assert.DoesNotContain("not the passphrase", wrong.ToString());
        Assert.DoesNotContain(Passphrase, wrong.ToString());
    }

    [Fact]
    public async Task Openssh_reads_the_key_files_we_write()
    {
        using var keygen = new KeygenTool();
        foreach (string type in new[] { "ssh-ed25519", "ecdsa-sha2-nistp384", "ssh-rsa" })
        {
            using SshPrivateKey key = SshPrivateKey.Generate(type, type == "ssh-rsa" ? 2048 : null);
            key.Comment = "written-by-vty";
            string path = keygen.PathOf(type);
            await File.WriteAllTextAsync(path, key.ToOpenSshPrivateKey());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            string publicLine = (await keygen.RunAsync(["-y", "-f", path])).Trim();
            Assert.Equal(key.PublicKey, SshPublicKey.ParseOpenSshLine(publicLine));
            Assert.EndsWith("written-by-vty", publicLine);

            using SshPrivateKey reread = SshPrivateKey.FromFile(path);
            Assert.Equal(key.PublicKey, reread.PublicKey);
            Assert.Equal("written-by-vty", reread.Comment);
        }
    }

    [Fact]
    public async Task Openssh_reads_encrypted_key_files_we_write()
    {
        using var keygen = new KeygenTool();
        using SshPrivateKey key = SshPrivateKey.Generate("ecdsa-sha2-nistp256");
        string path = keygen.PathOf("encrypted");
        string text = key.ToOpenSshPrivateKey(Passphrase, rounds: 4);
        await File.WriteAllTextAsync(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string publicLine = await keygen.RunAsync(["-y", "-P", Passphrase, "-f", path]);
        Assert.Equal(key.PublicKey, SshPublicKey.ParseOpenSshLine(publicLine));
        Assert.StartsWith("EXIT", await keygen.RunAsync(["-y", "-P", "wrong", "-f", path], allowFailure: true));
        using SshPrivateKey reread = SshPrivateKey.Parse(text, Passphrase);
        Assert.Equal(key.PublicKey, reread.PublicKey);
        Assert.Throws<SshKeyPassphraseException>(() => SshPrivateKey.Parse(text));
    }

    [Fact]
    public void Non_private_key_files_are_clear_errors()
    {
        using SshPrivateKey key = SshPrivateKey.Generate("ssh-ed25519");
        Assert.Contains("public key", Assert.Throws<SshKeyException>(() => SshPrivateKey.Parse(key.PublicKey.ToOpenSshLine())).Message);
        Assert.Contains("PuTTY", Assert.Throws<SshKeyException>(() => SshPrivateKey.Parse("PuTTY-User-Key-File-3: ssh-ed25519\n")).Message);
        Assert.Throws<SshKeyException>(() => SshPrivateKey.Parse("hello"));
        string truncated = key.ToOpenSshPrivateKey();
        Assert.Throws<SshKeyException>(() => SshPrivateKey.Parse(truncated[..(truncated.Length / 2)]));
        Assert.Contains("cannot read", Assert.Throws<SshKeyException>(() => SshPrivateKey.FromFile("/nonexistent/vty/key")).Message);
    }
}
