using System.Text;
using Vty.Ssh.Keys.Types;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Certificates;

/// <summary>
/// An OpenSSH certificate (PROTOCOL.certkeys, "*-cert-v01@openssh.com"): a plain public key with
/// principals, a validity window and options, signed by a certificate authority. Read from a
/// certificate blob; <see cref="Check"/> says whether it vouches for a name now.
/// </summary>
public sealed class SshCertificate
{
    // OpenSSH refuses CA signatures made with SHA-1 by default (CASignatureAlgorithms).
    private static readonly string[] CaSignatureAlgorithms =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256",
    ];

    private readonly byte[] _signedData;
    private readonly byte[] _signature;

    private SshCertificate(string certificateType, SshPublicKey key, ulong serial, SshCertificateKind kind, string keyId,
        IReadOnlyList<string> principals, ulong validAfter, ulong validBefore, IReadOnlyDictionary<string, string> criticalOptions,
        IReadOnlyList<string> extensions, SshPublicKey signatureKey, byte[] signedData, byte[] signature)
    {
        CertificateType = certificateType;
        Key = key;
        Serial = serial;
        Kind = kind;
        KeyId = keyId;
        Principals = principals;
        ValidAfterSeconds = validAfter;
        ValidBeforeSeconds = validBefore;
        CriticalOptions = criticalOptions;
        Extensions = extensions;
        SignatureKey = signatureKey;
        _signedData = signedData;
        _signature = signature;
    }

    /// <summary>The certificate key type, e.g. "ssh-ed25519-cert-v01@openssh.com".</summary>
    public string CertificateType { get; }

    /// <summary>The plain public key the certificate is for.</summary>
    public SshPublicKey Key { get; }

    public ulong Serial { get; }

    public SshCertificateKind Kind { get; }

    /// <summary>The key id the CA gave (ssh-keygen -I); shown in logs.</summary>
    public string KeyId { get; }

    /// <summary>User names or host names the certificate is valid for; empty means any (host certificates only).</summary>
    public IReadOnlyList<string> Principals { get; }

    /// <summary>Seconds since the epoch from which the certificate is valid (0: always).</summary>
    public ulong ValidAfterSeconds { get; }

    /// <summary>Seconds since the epoch until which the certificate is valid (ulong.MaxValue: forever).</summary>
    public ulong ValidBeforeSeconds { get; }

    /// <summary>Critical options (e.g. force-command, source-address) with their values.</summary>
    public IReadOnlyDictionary<string, string> CriticalOptions { get; }

    /// <summary>Extension names (e.g. permit-pty).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The certificate authority's public key.</summary>
    public SshPublicKey SignatureKey { get; }

    /// <summary>
    /// Parses a certificate blob. Throws <see cref="SshKeyException"/> when it is malformed, of an
    /// unknown type, or its CA key is itself a certificate.
    /// </summary>
    public static SshCertificate Parse(ReadOnlySpan<byte> blob)
    {
        try
        {
            var reader = new SshReader(blob);
            string type = reader.ReadString();
            if (!SshCertificateAlgorithms.IsCertificate(type)) throw new SshKeyException($"'{type}' is not an OpenSSH certificate type");
            string plainType = SshCertificateAlgorithms.Plain(type);
            reader.ReadStringBytes(); // nonce
            int keyStart = reader.Position;
            if (PublicKeyAlgorithm.Parse(plainType, ref reader) is null)
                throw new SshKeyException($"unsupported certificate type '{type}'");
            SshPublicKey key = PlainKey(plainType, blob[keyStart..reader.Position]);
            ulong serial = reader.ReadUInt64();
            uint kind = reader.ReadUInt32();
            if (kind is not (1 or 2)) throw new SshKeyException($"certificate type {kind} is neither user (1) nor host (2)");
            string keyId = reader.ReadString();
            List<string> principals = ReadStrings(reader.ReadStringBytes());
            ulong validAfter = reader.ReadUInt64();
            ulong validBefore = reader.ReadUInt64();
            Dictionary<string, string> critical = ReadOptions(reader.ReadStringBytes());
            List<string> extensions = [.. ReadOptions(reader.ReadStringBytes()).Keys];
            reader.ReadStringBytes(); // reserved
            SshPublicKey caKey = SshPublicKey.Parse(reader.ReadStringBytes());
            if (caKey.Certificate is not null) throw new SshKeyException("the certificate's CA key is itself a certificate");
            int signedLength = reader.Position;
            byte[] signature = reader.ReadStringBytes().ToArray();
            if (!reader.AtEnd) throw new SshKeyException($"certificate blob has {reader.Remaining} unexpected trailing bytes");
            return new SshCertificate(type, key, serial, (SshCertificateKind)kind, keyId, principals, validAfter, validBefore,
                critical, extensions, caKey, blob[..signedLength].ToArray(), signature);
        }
        catch (SshWireFormatException e)
        {
            throw new SshKeyException($"malformed certificate: {e.Message}", e);
        }
    }

    /// <summary>The start of the validity window (null: always valid from the past).</summary>
    public DateTimeOffset? ValidAfter => ValidAfterSeconds == 0 ? null : FromSeconds(ValidAfterSeconds);

    /// <summary>The end of the validity window (null: forever).</summary>
    public DateTimeOffset? ValidBefore => ValidBeforeSeconds == ulong.MaxValue ? null : FromSeconds(ValidBeforeSeconds);

    /// <summary>True when the CA's signature over the certificate is valid and made with an algorithm OpenSSH accepts for CAs (not SHA-1).</summary>
    public bool HasValidSignature()
    {
        string algorithm;
        try
        {
            algorithm = new SshReader(_signature).ReadString();
        }
        catch (SshWireFormatException)
        {
            return false;
        }
        return CaSignatureAlgorithms.Contains(algorithm, StringComparer.Ordinal) && SignatureKey.VerifySignature(_signedData, _signature);
    }

    /// <summary>
    /// Why the certificate does not vouch for <paramref name="principal"/> as <paramref name="kind"/> at
    /// <paramref name="now"/>, or null when it does: the CA signature, the type, the principals, the validity
    /// window. Critical options are the caller's to judge (they differ by role).
    /// </summary>
    public string? Check(SshCertificateKind kind, string principal, DateTimeOffset now)
    {
        if (CheckValidity(kind, now) is { } problem) return problem;
        if (Principals.Count == 0)
            return kind == SshCertificateKind.User ? $"certificate '{KeyId}' names no principal" : null;
        if (!Principals.Contains(principal, kind == SshCertificateKind.Host ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal))
            return $"certificate '{KeyId}' is for {string.Join(", ", Principals)}, not {principal}";
        return null;
    }

    /// <summary>Why the certificate is not a valid <paramref name="kind"/> certificate at <paramref name="now"/> (CA signature, type, validity window), or null.</summary>
    public string? CheckValidity(SshCertificateKind kind, DateTimeOffset now)
    {
        if (!HasValidSignature()) return $"the CA signature of certificate '{KeyId}' is not valid (or uses SHA-1)";
        if (Kind != kind) return $"certificate '{KeyId}' is a {Kind.ToString().ToLowerInvariant()} certificate, not a {kind.ToString().ToLowerInvariant()} certificate";
        ulong seconds = (ulong)Math.Max(0, now.ToUnixTimeSeconds());
        if (seconds < ValidAfterSeconds) return $"certificate '{KeyId}' is not valid before {ValidAfter:u}";
        if (seconds >= ValidBeforeSeconds) return $"certificate '{KeyId}' expired at {ValidBefore:u}";
        return null;
    }

    /// <summary>"ssh-keygen -L"-like summary: type, key id, serial, CA fingerprint, principals and validity.</summary>
    public override string ToString() =>
        $"{CertificateType} id '{KeyId}' serial {Serial} signed by {SignatureKey.KeyType} {SignatureKey.Sha256Fingerprint} " +
        $"for {(Principals.Count == 0 ? "any principal" : string.Join(",", Principals))} " +
        $"valid {(ValidAfter is { } a ? a.ToString("u") : "always")} to {(ValidBefore is { } b ? b.ToString("u") : "forever")}";

    private static DateTimeOffset FromSeconds(ulong seconds) =>
        seconds >= 253402300799 ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds((long)seconds);

    private static SshPublicKey PlainKey(string plainType, ReadOnlySpan<byte> fields)
    {
        using var writer = new SshWriter(fields.Length + plainType.Length + 8);
        writer.WriteString(plainType);
        writer.WriteRaw(fields);
        return SshPublicKey.FromBlob(writer.WrittenSpan);
    }

    private static List<string> ReadStrings(ReadOnlySpan<byte> packed)
    {
        var reader = new SshReader(packed);
        var list = new List<string>();
        while (!reader.AtEnd) list.Add(reader.ReadString());
        return list;
    }

    // name, then data that is either empty or one more string (the value).
    private static Dictionary<string, string> ReadOptions(ReadOnlySpan<byte> packed)
    {
        var reader = new SshReader(packed);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!reader.AtEnd)
        {
            string name = reader.ReadString();
            ReadOnlySpan<byte> data = reader.ReadStringBytes();
            string value = "";
            if (data.Length > 0)
            {
                var inner = new SshReader(data);
                value = Encoding.UTF8.GetString(inner.ReadStringBytes());
            }
            options[name] = value;
        }
        return options;
    }
}
