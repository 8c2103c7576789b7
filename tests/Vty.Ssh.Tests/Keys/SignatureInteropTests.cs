using System.Text;
using Vty.Ssh.Keys;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Keys;

/// <summary>
/// Signatures checked by OpenSSH itself: ssh-keygen -Y verify accepts SSHSIG files signed by our
/// keys, and our verifier accepts signatures ssh-keygen -Y sign made (PROTOCOL.sshsig).
/// </summary>
public class SignatureInteropTests
{
    private const string Namespace = "vty-test";

    private static byte[] SignedData(byte[] message)
    {
        using var writer = new SshWriter();
        writer.WriteRaw("SSHSIG"u8);
        writer.WriteString(Namespace);
        writer.WriteString(ReadOnlySpan<byte>.Empty);
        writer.WriteString("sha512");
        writer.WriteString(System.Security.Cryptography.SHA512.HashData(message));
        return writer.ToArray();
    }

    [Theory]
    [InlineData("ssh-ed25519", "ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521")]
    [InlineData("ssh-rsa", "rsa-sha2-512")]
    [InlineData("ssh-rsa", "rsa-sha2-256")]
    public async Task Openssh_verifies_our_signatures(string type, string algorithm)
    {
        using var keygen = new KeygenTool();
        using SshPrivateKey key = SshPrivateKey.Generate(type, type == "ssh-rsa" ? 2048 : null);
        byte[] message = Encoding.UTF8.GetBytes("message signed by vty " + type);

        using var sig = new SshWriter();
        sig.WriteRaw("SSHSIG"u8);
        sig.WriteUInt32(1);
        sig.WriteString(key.PublicKey.Blob);
        sig.WriteString(Namespace);
        sig.WriteString(ReadOnlySpan<byte>.Empty);
        sig.WriteString("sha512");
        sig.WriteString(key.Sign(algorithm, SignedData(message)));
        string armored = "-----BEGIN SSH SIGNATURE-----\n" + Convert.ToBase64String(sig.WrittenSpan, Base64FormattingOptions.InsertLineBreaks).Replace("\r", "")
            + "\n-----END SSH SIGNATURE-----\n";

        await File.WriteAllTextAsync(keygen.PathOf("msg.sig"), armored);
        await File.WriteAllTextAsync(keygen.PathOf("allowed"), "tester " + key.PublicKey.ToOpenSshLine() + "\n");
        string output = await keygen.RunAsync(["-Y", "verify", "-f", keygen.PathOf("allowed"), "-I", "tester", "-n", Namespace, "-s", keygen.PathOf("msg.sig")],
            Encoding.UTF8.GetString(message), allowFailure: true);
        Assert.Contains("Good \"" + Namespace + "\" signature for tester", output);

        string tampered = await keygen.RunAsync(["-Y", "verify", "-f", keygen.PathOf("allowed"), "-I", "tester", "-n", Namespace, "-s", keygen.PathOf("msg.sig")],
            "different message", allowFailure: true);
        Assert.StartsWith("EXIT", tampered);
    }

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ecdsa", 384)]
    [InlineData("rsa", 2048)]
    public async Task We_verify_openssh_signatures(string type, int? bits)
    {
        using var keygen = new KeygenTool();
        string path = await keygen.GenerateAsync("id", type, bits);
        byte[] message = "message signed by ssh-keygen"u8.ToArray();
        string messagePath = keygen.PathOf("message");
        await File.WriteAllBytesAsync(messagePath, message);
        await keygen.RunAsync(["-Y", "sign", "-f", path, "-n", Namespace, messagePath]);

        string armored = await File.ReadAllTextAsync(messagePath + ".sig");
        string base64 = string.Concat(armored.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        byte[] blob = Convert.FromBase64String(base64);
        var reader = new SshReader(blob);
        Assert.True(reader.ReadRaw(6).SequenceEqual("SSHSIG"u8));
        Assert.Equal(1u, reader.ReadUInt32());
        SshPublicKey publicKey = SshPublicKey.FromBlob(reader.ReadStringBytes());
        Assert.Equal(Namespace, reader.ReadString());
        reader.ReadStringBytes();
        Assert.Equal("sha512", reader.ReadString());
        byte[] signature = reader.ReadStringBytes().ToArray();

        Assert.Equal(SshPublicKey.ParseOpenSshLine(await File.ReadAllTextAsync(path + ".pub")), publicKey);
        Assert.True(publicKey.VerifySignature(SignedData(message), signature));
        Assert.False(publicKey.VerifySignature(SignedData("another message"u8.ToArray()), signature));
    }
}
