using System.Security.Cryptography;
using Vty.Ssh.Keys;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Keys;

public class PublicKeyTests
{
    [Fact]
    public void Rsa_signature_algorithms_are_distinct_and_required_algorithm_is_enforced()
    {
        using SshPrivateKey key = SshPrivateKey.Generate("ssh-rsa", 2048);
        Assert.Equal(["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"], key.PublicKey.SignatureAlgorithms);
        byte[] data = "data"u8.ToArray();
        byte[] sha1 = key.Sign("ssh-rsa", data);
        Assert.True(key.PublicKey.VerifySignature(data, sha1));
        Assert.False(key.PublicKey.VerifySignature(data, sha1, "rsa-sha2-512"));
        byte[] sha512 = key.Sign("rsa-sha2-512", data);
        Assert.True(key.PublicKey.VerifySignature(data, sha512, "rsa-sha2-512"));

        // a signature blob whose name lies about the hash does not verify
        var reader = new SshReader(sha512);
        reader.ReadString();
        using var relabelled = new SshWriter();
        relabelled.WriteString("rsa-sha2-256");
        relabelled.WriteString(reader.ReadStringBytes());
        Assert.False(key.PublicKey.VerifySignature(data, relabelled.WrittenSpan));
        Assert.Throws<SshKeyException>(() => key.Sign("ssh-ed25519", data));
    }

    [Fact]
    public void Rsa_signature_made_by_dotnet_directly_verifies()
    {
        using RSA rsa = RSA.Create(2048);
        RSAParameters parameters = rsa.ExportParameters(false);
        using var blob = new SshWriter();
        blob.WriteString("ssh-rsa");
        blob.WriteMPInt(parameters.Exponent);
        blob.WriteMPInt(parameters.Modulus);
        SshPublicKey key = SshPublicKey.FromBlob(blob.WrittenSpan);
        byte[] data = "independent"u8.ToArray();
        using var signature = new SshWriter();
        signature.WriteString("rsa-sha2-256");
        signature.WriteString(rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(key.VerifySignature(data, signature.WrittenSpan));
    }

    [Fact]
    public void Ecdsa_signature_made_by_dotnet_directly_verifies()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters parameters = ecdsa.ExportParameters(false);
        using var blob = new SshWriter();
        blob.WriteString("ecdsa-sha2-nistp256");
        blob.WriteString("nistp256");
        blob.WriteString([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]);
        SshPublicKey key = SshPublicKey.FromBlob(blob.WrittenSpan);
        byte[] data = "independent"u8.ToArray();
        byte[] p1363 = ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var inner = new SshWriter();
        inner.WriteMPInt(p1363.AsSpan(0, 32));
        inner.WriteMPInt(p1363.AsSpan(32));
        using var signature = new SshWriter();
        signature.WriteString("ecdsa-sha2-nistp256");
        signature.WriteString(inner.WrittenSpan);
        Assert.True(key.VerifySignature(data, signature.WrittenSpan));
        Assert.False(key.VerifySignature(data, signature.WrittenSpan[..^1]));
    }

    [Fact]
    public void Ed25519_matches_rfc8032_test_1()
    {
        // RFC 8032 §7.1 TEST 1: empty message.
        byte[] publicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] rawSignature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        using var blob = new SshWriter();
        blob.WriteString("ssh-ed25519");
        blob.WriteString(publicKey);
        SshPublicKey key = SshPublicKey.FromBlob(blob.WrittenSpan);
        using var signature = new SshWriter();
        signature.WriteString("ssh-ed25519");
        signature.WriteString(rawSignature);
        Assert.True(key.VerifySignature([], signature.WrittenSpan));
        Assert.False(key.VerifySignature([0], signature.WrittenSpan));
    }

    [Fact]
    public void One_line_form_round_trips_and_bad_lines_are_clear_errors()
    {
        using SshPrivateKey key = SshPrivateKey.Generate("ecdsa-sha2-nistp256");
        string line = key.PublicKey.ToOpenSshLine("me@host");
        Assert.StartsWith("ecdsa-sha2-nistp256 AAAA", line);
        Assert.EndsWith(" me@host", line);
        Assert.Equal(key.PublicKey, SshPublicKey.ParseOpenSshLine(line));
        Assert.Throws<SshKeyException>(() => SshPublicKey.ParseOpenSshLine("ssh-ed25519"));
        Assert.Throws<SshKeyException>(() => SshPublicKey.ParseOpenSshLine("ssh-ed25519 !!!notbase64"));
        Assert.Contains("says 'ssh-ed25519'", Assert.Throws<SshKeyException>(() => SshPublicKey.ParseOpenSshLine(line.Replace("ecdsa-sha2-nistp256 ", "ssh-ed25519 "))).Message);
        Assert.Throws<SshKeyException>(() => SshPublicKey.FromBlob([0, 0, 0, 7, .. "ssh-foo"u8]));
        Assert.Throws<SshKeyException>(() => SshPublicKey.FromBlob([0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 3, 1, 2, 3]));
    }

    [Fact]
    public void Fingerprint_is_unpadded_base64_of_sha256()
    {
        using SshPrivateKey key = SshPrivateKey.Generate("ssh-ed25519");
        string expected = "SHA256:" + Convert.ToBase64String(SHA256.HashData(key.PublicKey.Blob)).TrimEnd('=');
        Assert.Equal(expected, key.PublicKey.Sha256Fingerprint);
        Assert.Equal(50, key.PublicKey.Sha256Fingerprint.Length);
        Assert.Matches("^MD5:([0-9a-f]{2}:){15}[0-9a-f]{2}$", key.PublicKey.Md5Fingerprint);
    }
}
