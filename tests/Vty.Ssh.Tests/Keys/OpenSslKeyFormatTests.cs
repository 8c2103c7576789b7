using Vty.Ssh.Keys;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Keys;

/// <summary>Key files written by the openssl tool in formats ssh-keygen does not produce.</summary>
public class OpenSslKeyFormatTests
{
    private const string Passphrase = "open sesame";

    [Theory]
    [InlineData("rsa", "-traditional -aes256")]          // DEK-Info: AES-256-CBC
    [InlineData("rsa", "-traditional -des3")]            // DEK-Info: DES-EDE3-CBC
    [InlineData("rsa", "-traditional")]                  // plain PKCS#1
    [InlineData("ec", "-traditional -aes128")]           // SEC1 with Proc-Type
    [InlineData("rsa", "-aes256")]                       // PKCS#8 PBES2
    [InlineData("ec", "-aes128")]
    public async Task Openssl_written_keys_match_ssh_keygen_public_key(string algorithm, string options)
    {
        using var tool = new KeygenTool();
        string plain = tool.PathOf("plain.pem");
        string path = tool.PathOf("key.pem");
        string[] generate = algorithm == "rsa"
            ? ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", plain]
            : ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", plain];
        await tool.RunToolAsync("openssl", generate);
        bool encrypted = options.Contains("-aes", StringComparison.Ordinal) || options.Contains("-des3", StringComparison.Ordinal);
        List<string> convert = [algorithm == "rsa" ? "rsa" : "ec", "-in", plain, "-out", path, .. options.Split(' ')];
        if (encrypted) convert.AddRange(["-passout", "pass:" + Passphrase]);
        await tool.RunToolAsync("openssl", convert);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        string text = await File.ReadAllTextAsync(path);
        Assert.Equal(encrypted, text.Contains("ENCRYPTED", StringComparison.Ordinal));
        using SshPrivateKey key = SshPrivateKey.FromFile(path, encrypted ? Passphrase : null);
        string expected = await tool.RunAsync(["-y", "-P", encrypted ? Passphrase : "", "-f", path]);
        Assert.Equal(SshPublicKey.ParseOpenSshLine(expected), key.PublicKey);
        if (encrypted) Assert.Throws<SshKeyPassphraseException>(() => SshPrivateKey.FromFile(path, "wrong"));
    }

    [Fact]
    public async Task Ed25519_pkcs8_from_openssl_is_read()
    {
        using var tool = new KeygenTool();
        string path = tool.PathOf("ed.pem");
        await tool.RunToolAsync("openssl", ["genpkey", "-algorithm", "ed25519", "-out", path]);
        await tool.RunToolAsync("openssl", ["pkey", "-in", path, "-pubout", "-outform", "DER", "-out", tool.PathOf("ed.pub.der")]);
        byte[] spki = await File.ReadAllBytesAsync(tool.PathOf("ed.pub.der"));

        using SshPrivateKey key = SshPrivateKey.FromFile(path);
        Assert.Equal("ssh-ed25519", key.KeyType);
        var reader = new SshReader(key.PublicKey.Blob);
        reader.ReadString();
        Assert.Equal(spki[^32..], reader.ReadStringBytes().ToArray());
        byte[] signature = key.Sign("ssh-ed25519", "data"u8);
        Assert.True(key.PublicKey.VerifySignature("data"u8, signature));
    }
}
