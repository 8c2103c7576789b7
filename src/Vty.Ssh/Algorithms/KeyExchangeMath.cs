using System.Numerics;
using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Kem;
using Vty.Ssh.Algorithms.Kex;

namespace Vty.Ssh.Algorithms;

/// <summary>
/// The numbers side of every supported key exchange: method descriptions, one side's key
/// agreement for fixed groups and curves, and group handling for group exchange (RFC 4419).
/// </summary>
public static class KeyExchangeMath
{
    private static readonly Dictionary<string, KexInfo> Methods = new KexInfo[]
    {
        new("mlkem768x25519-sha256", HashAlgorithmName.SHA256, KexKind.HybridKem, false),
        new("sntrup761x25519-sha512", HashAlgorithmName.SHA512, KexKind.HybridKem, false),
        new("sntrup761x25519-sha512@openssh.com", HashAlgorithmName.SHA512, KexKind.HybridKem, false),
        new("curve25519-sha256", HashAlgorithmName.SHA256, KexKind.Curve25519, false),
        new("curve25519-sha256@libssh.org", HashAlgorithmName.SHA256, KexKind.Curve25519, false),
        new("ecdh-sha2-nistp256", HashAlgorithmName.SHA256, KexKind.Ecdh, false),
        new("ecdh-sha2-nistp384", HashAlgorithmName.SHA384, KexKind.Ecdh, false),
        new("ecdh-sha2-nistp521", HashAlgorithmName.SHA512, KexKind.Ecdh, false),
        new("diffie-hellman-group-exchange-sha256", HashAlgorithmName.SHA256, KexKind.DhGroupExchange, false),
        new("diffie-hellman-group16-sha512", HashAlgorithmName.SHA512, KexKind.DhGroup, false),
        new("diffie-hellman-group18-sha512", HashAlgorithmName.SHA512, KexKind.DhGroup, false),
        new("diffie-hellman-group14-sha256", HashAlgorithmName.SHA256, KexKind.DhGroup, false),
        new("diffie-hellman-group14-sha1", HashAlgorithmName.SHA1, KexKind.DhGroup, true),
        new("diffie-hellman-group-exchange-sha1", HashAlgorithmName.SHA1, KexKind.DhGroupExchange, true),
        new("diffie-hellman-group1-sha1", HashAlgorithmName.SHA1, KexKind.DhGroup, true),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Smallest group-exchange modulus accepted from a server (legacy gear still sends 1024).</summary>
    public const int MinGroupExchangeBits = 1024;

    /// <summary>Largest group-exchange modulus accepted (RFC 4419 §3 upper bound).</summary>
    public const int MaxGroupExchangeBits = 8192;

    /// <summary>Method description; throws <see cref="SshException"/> for an unknown name.</summary>
    public static KexInfo GetKex(string name) =>
        Methods.TryGetValue(name, out KexInfo? info)
            ? info
            : throw new SshException($"unsupported key exchange method '{name}'; supported: {string.Join(", ", Methods.Keys)}");

    /// <summary>Every key exchange method Vty can run, in no particular order.</summary>
    public static IReadOnlyCollection<string> SupportedNames => Methods.Keys;

    /// <summary>True when Vty can run the key exchange method <paramref name="name"/>.</summary>
    public static bool IsSupported(string name) => Methods.ContainsKey(name);

    /// <summary>
    /// The initiator's (client's) key agreement for a method with a fixed group, curve or KEM
    /// (not group exchange). For the symmetric families the server uses the same object.
    /// </summary>
    public static IKeyAgreement Create(string kexName)
    {
        KexInfo info = GetKex(kexName);
        int exponentBits = ExponentBits(info.Hash);
        return kexName switch
        {
            "mlkem768x25519-sha256" => new HybridKemKeyAgreement(MlKem768.Instance, info.Hash),
            "sntrup761x25519-sha512" or "sntrup761x25519-sha512@openssh.com" => new HybridKemKeyAgreement(Sntrup761.Instance, info.Hash),
            "curve25519-sha256" or "curve25519-sha256@libssh.org" => new Curve25519KeyAgreement(),
            "ecdh-sha2-nistp256" => new EcdhKeyAgreement(ECCurve.NamedCurves.nistP256, 32),
            "ecdh-sha2-nistp384" => new EcdhKeyAgreement(ECCurve.NamedCurves.nistP384, 48),
            "ecdh-sha2-nistp521" => new EcdhKeyAgreement(ECCurve.NamedCurves.nistP521, 66),
            "diffie-hellman-group1-sha1" => new DhKeyAgreement(DhGroups.Oakley2, DhGroups.Generator, exponentBits),
            "diffie-hellman-group14-sha1" or "diffie-hellman-group14-sha256" => new DhKeyAgreement(DhGroups.Modp2048, DhGroups.Generator, exponentBits),
            "diffie-hellman-group16-sha512" => new DhKeyAgreement(DhGroups.Modp4096, DhGroups.Generator, exponentBits),
            "diffie-hellman-group18-sha512" => new DhKeyAgreement(DhGroups.Modp8192, DhGroups.Generator, exponentBits),
            _ => throw new SshException($"'{kexName}' is a group exchange: the group comes from the server, use CreateDh(p, g)"),
        };
    }

    /// <summary>
    /// The responder's (server's) key agreement: for the hybrid KEM methods a responder whose
    /// value exists after the client's was processed, for every other fixed method <see cref="Create"/>.
    /// </summary>
    public static IKeyAgreement CreateResponder(string kexName)
    {
        KexInfo info = GetKex(kexName);
        return kexName switch
        {
            "mlkem768x25519-sha256" => new HybridKemResponder(MlKem768.Instance, info.Hash),
            "sntrup761x25519-sha512" or "sntrup761x25519-sha512@openssh.com" => new HybridKemResponder(Sntrup761.Instance, info.Hash),
            _ => Create(kexName),
        };
    }

    /// <summary>
    /// Client side of group exchange once SSH_MSG_KEX_DH_GEX_GROUP arrived. Checks the group is a
    /// plausible size and the generator is in range; throws <see cref="SshException"/> otherwise.
    /// </summary>
    public static IKeyAgreement CreateDh(BigInteger p, BigInteger g, int minBits = MinGroupExchangeBits, int maxBits = MaxGroupExchangeBits)
    {
        long bits = p.Sign > 0 ? p.GetBitLength() : 0;
        if (bits < minBits || bits > maxBits)
            throw new SshException($"the server's group-exchange modulus has {bits} bits; {minBits} to {maxBits} bits were requested");
        if (p.IsEven)
            throw new SshException($"the server's {bits}-bit group-exchange modulus is even, so it is not a prime");
        if (g <= BigInteger.One || g >= p - BigInteger.One)
            throw new SshException("the server's group-exchange generator is out of range (must satisfy 1 < g < p-1)");
        return new DhKeyAgreement(p, g, 512);
    }

    /// <summary>
    /// Server side of group exchange: the RFC 3526 group (2048 to 8192 bits) nearest to the
    /// preferred size within [minBits, maxBits]: the smallest at or above the preference, else the
    /// largest below it. Throws <see cref="SshException"/> when no group fits.
    /// </summary>
    public static (BigInteger P, BigInteger G) SelectGroup(int minBits, int preferredBits, int maxBits)
    {
        BigInteger? below = null;
        foreach (BigInteger p in DhGroups.ExchangeGroups)
        {
            long bits = p.GetBitLength();
            if (bits < minBits || bits > maxBits) continue;
            if (bits >= preferredBits) return (p, DhGroups.Generator);
            below = p;
        }
        return below is { } fallback
            ? (fallback, DhGroups.Generator)
            : throw new SshException($"no Diffie-Hellman group between {minBits} and {maxBits} bits is available (offered: 2048, 3072, 4096, 6144, 8192)");
    }

    // Twice the hash's output size in bits caps the work while exceeding every cipher's key strength.
    private static int ExponentBits(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA1 ? 320 : hash == HashAlgorithmName.SHA512 ? 1024 : 512;
}
