using System.Security.Cryptography;
using Vty.Ssh.Keys.Certificates;
using Vty.Ssh.Keys.Types;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys;

/// <summary>
/// An SSH public key: its type name and wire blob (RFC 4253 §6.6), with signature verification,
/// the SHA256 fingerprint exactly as <c>ssh-keygen -l</c> prints it, and the OpenSSH one-line
/// form used by authorized_keys, known_hosts and .pub files. Equality is by blob. An OpenSSH
/// certificate is a public key too: <see cref="Certificate"/> then holds its fields and signatures
/// are checked with the certified key.
/// </summary>
public sealed class SshPublicKey : IEquatable<SshPublicKey>
{
    private readonly byte[] _blob;
    private readonly PublicKeyAlgorithm? _algorithm;

    private SshPublicKey(string keyType, byte[] blob, PublicKeyAlgorithm? algorithm, SshCertificate? certificate = null)
    {
        KeyType = keyType;
        _blob = blob;
        _algorithm = algorithm;
        Certificate = certificate;
    }

    /// <summary>The certificate's fields when this key is an OpenSSH certificate, else null.</summary>
    public SshCertificate? Certificate { get; }

    /// <summary>The key type from the blob, e.g. "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa".</summary>
    public string KeyType { get; }

    /// <summary>A copy of the public key blob as it appears on the wire.</summary>
    public byte[] Blob => (byte[])_blob.Clone();

    internal ReadOnlySpan<byte> BlobSpan => _blob;

    /// <summary>True when Vty can verify signatures of this key type.</summary>
    public bool IsSupported => _algorithm is not null || Certificate is not null;

    /// <summary>Key size in bits as <c>ssh-keygen -l</c> reports it (0 for an unsupported type).</summary>
    public int Bits => Certificate?.Key.Bits ?? _algorithm?.Bits ?? 0;

    /// <summary>
    /// Signature algorithms this key can verify, most preferred first (an ssh-rsa key gives
    /// rsa-sha2-512, rsa-sha2-256, ssh-rsa).
    /// </summary>
    public IReadOnlyList<string> SignatureAlgorithms => Certificate is { } cert
        ? SshCertificateAlgorithms.ForPlainSignatureAlgorithms(cert.Key.SignatureAlgorithms)
        : _algorithm?.SignatureAlgorithms ?? [];

    /// <summary>"SHA256:" followed by the unpadded base64 SHA-256 of the blob, as <c>ssh-keygen -l</c> prints it.</summary>
    public string Sha256Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(_blob)).TrimEnd('=');

    /// <summary>The legacy "MD5:aa:bb:..." fingerprint (<c>ssh-keygen -l -E md5</c>).</summary>
    public string Md5Fingerprint => "MD5:" + string.Join(':', MD5.HashData(_blob).Select(b => b.ToString("x2")));

    /// <summary>Parses a public key blob; throws <see cref="SshKeyException"/> if it is malformed or of an unsupported type.</summary>
    public static SshPublicKey FromBlob(ReadOnlySpan<byte> blob)
    {
        SshPublicKey key = Parse(blob);
        return key.IsSupported
            ? key
            : throw new SshKeyException($"unsupported public key type '{key.KeyType}': Vty supports ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa, ssh-dss and their OpenSSH certificates");
    }

    /// <summary>
    /// Parses a blob, keeping keys of types Vty cannot verify (for example certificates in
    /// known_hosts) so they can still be compared; throws only for a malformed blob.
    /// </summary>
    internal static SshPublicKey Parse(ReadOnlySpan<byte> blob)
    {
        try
        {
            var reader = new SshReader(blob);
            string keyType = reader.ReadString();
            if (keyType.Length == 0) throw new SshKeyException("public key blob has an empty key type");
            if (SshCertificateAlgorithms.IsCertificate(keyType))
                return new SshPublicKey(keyType, blob.ToArray(), null, TryParseCertificate(blob));
            PublicKeyAlgorithm? algorithm = PublicKeyAlgorithm.Parse(keyType, ref reader);
            if (algorithm is not null && !reader.AtEnd)
                throw new SshKeyException($"{keyType} public key blob has {reader.Remaining} unexpected trailing bytes");
            return new SshPublicKey(keyType, blob.ToArray(), algorithm);
        }
        catch (SshWireFormatException e)
        {
            throw new SshKeyException($"malformed public key blob: {e.Message}", e);
        }
    }

    /// <summary>
    /// Parses "type base64 [comment]" (a .pub file line or an authorized_keys line without
    /// options). Throws <see cref="SshKeyException"/> when the line is malformed, the type is
    /// unsupported, or the type named does not match the blob.
    /// </summary>
    public static SshPublicKey ParseOpenSshLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string[] parts = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
            throw new SshKeyException("not an OpenSSH public key line: expected 'key-type base64-blob [comment]'");
        SshPublicKey key = FromBlob(DecodeBase64(parts[1]));
        if (key.KeyType != parts[0])
            throw new SshKeyException($"public key line says '{parts[0]}' but its blob is a '{key.KeyType}' key");
        return key;
    }

    /// <summary>"type base64 [comment]", the OpenSSH one-line form.</summary>
    public string ToOpenSshLine(string? comment = null)
    {
        string line = KeyType + " " + Convert.ToBase64String(_blob);
        return string.IsNullOrEmpty(comment) ? line : line + " " + comment;
    }

    /// <summary>
    /// Verifies an SSH signature blob (string algorithm, string signature) over data. With
    /// <paramref name="requiredAlgorithm"/> the blob must use exactly that algorithm (for
    /// example the negotiated host key algorithm rsa-sha2-512). Returns false for a bad or
    /// malformed signature or an algorithm this key cannot use.
    /// </summary>
    public bool VerifySignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob, string? requiredAlgorithm = null)
    {
        // A certificate signs with its certified key under the plain algorithm name.
        if (Certificate is { } certificate)
            return (requiredAlgorithm is null || ContainsOrdinal(SignatureAlgorithms, requiredAlgorithm))
                && certificate.Key.VerifySignature(data, signatureBlob, requiredAlgorithm is null ? null : SshCertificateAlgorithms.Plain(requiredAlgorithm));
        if (_algorithm is null) return false;
        string algorithm;
        ReadOnlySpan<byte> signature;
        try
        {
            var reader = new SshReader(signatureBlob);
            algorithm = reader.ReadString();
            signature = reader.ReadStringBytes();
            if (!reader.AtEnd) return false;
        }
        catch (SshWireFormatException)
        {
            return false;
        }
        if (requiredAlgorithm is not null && algorithm != requiredAlgorithm) return false;
        if (!ContainsOrdinal(_algorithm.SignatureAlgorithms, algorithm)) return false;
        return _algorithm.Verify(algorithm, data, signature);
    }

    // A certificate of a type Vty cannot use (e.g. FIDO) is kept as an unsupported key, like any unknown type.
    private static SshCertificate? TryParseCertificate(ReadOnlySpan<byte> blob)
    {
        try
        {
            return SshCertificate.Parse(blob);
        }
        catch (SshKeyException)
        {
            return null;
        }
    }

    internal static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new SshKeyException("public key blob is not valid base64", e);
        }
    }

    private static bool ContainsOrdinal(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
            if (string.Equals(list[i], value, StringComparison.Ordinal)) return true;
        return false;
    }

    public bool Equals(SshPublicKey? other) => other is not null && _blob.AsSpan().SequenceEqual(other._blob);

    public override bool Equals(object? obj) => obj is SshPublicKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_blob);
        return hash.ToHashCode();
    }

    /// <summary>Key type and fingerprint, e.g. "ssh-ed25519 SHA256:...".</summary>
    public override string ToString() => KeyType + " " + Sha256Fingerprint;
}
