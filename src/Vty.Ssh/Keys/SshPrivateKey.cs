using Vty.Ssh.Keys.Formats;
using Vty.Ssh.Keys.Types;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys;

/// <summary>
/// An SSH private key (ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa, ssh-dss) read from an
/// OpenSSH, PEM (PKCS#1, SEC1, DSA) or PKCS#8 file, or generated. Signs SSH data and writes
/// itself as an unencrypted openssh-key-v1 file. Dispose to release the key material.
/// </summary>
public sealed class SshPrivateKey : IDisposable
{
    private readonly PrivateKeyAlgorithm _key;
    private bool _disposed;

    private SshPrivateKey(PrivateKeyAlgorithm key, string comment)
    {
        _key = key;
        Comment = comment;
        PublicKey = SshPublicKey.FromBlob(key.PublicBlob);
    }

    /// <summary>The key type name, e.g. "ssh-ed25519".</summary>
    public string KeyType => _key.KeyType;

    /// <summary>The matching public key.</summary>
    public SshPublicKey PublicKey { get; }

    /// <summary>The comment stored in the file (OpenSSH format), or empty.</summary>
    public string Comment { get; set; }

    /// <summary>Signature algorithms this key can produce, most preferred first.</summary>
    public IReadOnlyList<string> SignatureAlgorithms => PublicKey.SignatureAlgorithms;

    /// <summary>
    /// Signs <paramref name="data"/> and returns the SSH signature blob (string algorithm,
    /// string signature). For ssh-rsa keys the algorithm picks the hash: rsa-sha2-512,
    /// rsa-sha2-256 or ssh-rsa (SHA-1).
    /// </summary>
    public byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[] signature = _key.Sign(signatureAlgorithm, data);
        using var writer = new SshWriter(signature.Length + signatureAlgorithm.Length + 8);
        writer.WriteString(signatureAlgorithm);
        writer.WriteString(signature);
        return writer.ToArray();
    }

    /// <summary>
    /// Reads a private key file. Throws <see cref="SshKeyPassphraseException"/> when the key is
    /// encrypted and the passphrase is missing or wrong, <see cref="SshKeyException"/> when the file
    /// cannot be read or is not a supported key.
    /// </summary>
    public static SshPrivateKey FromFile(string path, string? passphrase = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SshKeyException($"cannot read private key file '{path}': {e.Message}", e);
        }
        try
        {
            return Parse(text, passphrase);
        }
        catch (SshKeyPassphraseException e)
        {
            throw new SshKeyPassphraseException($"private key file '{path}': {e.Message}", e);
        }
        catch (SshKeyException e)
        {
            throw new SshKeyException($"private key file '{path}': {e.Message}", e);
        }
    }

    /// <summary>Parses the text of a private key file (same errors as <see cref="FromFile"/>).</summary>
    public static SshPrivateKey Parse(string text, string? passphrase = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ParsedPrivateKey parsed = PrivateKeyParser.Parse(text, passphrase);
        return new SshPrivateKey(parsed.Key, parsed.Comment);
    }

    /// <summary>
    /// Generates a new key: "ssh-ed25519", "ecdsa-sha2-nistp256/384/521" or "ssh-rsa"
    /// (<paramref name="bits"/> 2048 to 16384, default 3072). For ECDSA, bits may name the curve
    /// size instead of the type (e.g. "ecdsa" with 384).
    /// </summary>
    public static SshPrivateKey Generate(string keyType, int? bits = null)
    {
        PrivateKeyAlgorithm key = keyType switch
        {
            "ssh-ed25519" or "ed25519" => Ed25519PrivateKey.Generate(),
            "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => EcdsaPrivateKey.Generate(EcdsaCurve.FromKeyType(keyType)),
            "ecdsa" => EcdsaPrivateKey.Generate((bits ?? 256) switch
            {
                256 => EcdsaCurve.P256,
                384 => EcdsaCurve.P384,
                521 => EcdsaCurve.P521,
                _ => throw new SshKeyException($"ECDSA keys are 256, 384 or 521 bits, not {bits}"),
            }),
            "ssh-rsa" or "rsa" => RsaPrivateKey.Generate(bits ?? 3072),
            _ => throw new SshKeyException($"cannot generate '{keyType}' keys (supported: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa)"),
        };
        return new SshPrivateKey(key, "");
    }

    /// <summary>The key as an unencrypted openssh-key-v1 file ("-----BEGIN OPENSSH PRIVATE KEY-----").</summary>
    public string ToOpenSshPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return OpenSshKeyFormat.Write(_key, Comment);
    }

    /// <summary>
    /// The key as an openssh-key-v1 file encrypted with <paramref name="passphrase"/> the way
    /// ssh-keygen does (bcrypt_pbkdf with <paramref name="rounds"/> rounds, aes256-ctr);
    /// unencrypted when the passphrase is null or empty.
    /// </summary>
    public string ToOpenSshPrivateKey(string? passphrase, int rounds = 16)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return OpenSshKeyFormat.Write(_key, Comment, passphrase, rounds);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _key.Dispose();
    }
}
