using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Ciphers;
using Vty.Ssh.Algorithms.Macs;
using Vty.Ssh.Algorithms.Packets;

namespace Vty.Ssh.Algorithms;

/// <summary>
/// Creates the packet encryptor and decryptor for a negotiated cipher and MAC. AEAD ciphers
/// (aes*-gcm@openssh.com, chacha20-poly1305@openssh.com) ignore the MAC, as OpenSSH does.
/// </summary>
public static class PacketProtection
{
    private static readonly Dictionary<string, CipherInfo> Ciphers = new(StringComparer.Ordinal)
    {
        ["none"] = new("none", 0, 0, 8, false, false),
        ["chacha20-poly1305@openssh.com"] = new("chacha20-poly1305@openssh.com", 64, 0, 8, true, false),
        ["aes128-gcm@openssh.com"] = new("aes128-gcm@openssh.com", 16, 12, 16, true, false),
        ["aes256-gcm@openssh.com"] = new("aes256-gcm@openssh.com", 32, 12, 16, true, false),
        ["aes128-ctr"] = new("aes128-ctr", 16, 16, 16, false, false),
        ["aes192-ctr"] = new("aes192-ctr", 24, 16, 16, false, false),
        ["aes256-ctr"] = new("aes256-ctr", 32, 16, 16, false, false),
        ["aes128-cbc"] = new("aes128-cbc", 16, 16, 16, false, true),
        ["aes192-cbc"] = new("aes192-cbc", 24, 16, 16, false, true),
        ["aes256-cbc"] = new("aes256-cbc", 32, 16, 16, false, true),
        ["3des-cbc"] = new("3des-cbc", 24, 8, 8, false, true),
    };

    private static readonly Dictionary<string, (MacInfo Info, HashAlgorithmName Hash)> Macs = BuildMacs();

    /// <summary>Every cipher Vty can run (the "none" cipher of the first key exchange excluded).</summary>
    public static IReadOnlyList<string> SupportedCiphers { get; } = [.. Ciphers.Keys.Where(n => n != "none")];

    /// <summary>Every MAC Vty can run.</summary>
    public static IReadOnlyList<string> SupportedMacs { get; } = [.. Macs.Keys];

    /// <summary>Cipher parameters; throws <see cref="SshException"/> for an unknown name.</summary>
    public static CipherInfo GetCipher(string name) =>
        Ciphers.TryGetValue(name, out CipherInfo? info)
            ? info
            : throw new SshException($"unsupported cipher '{name}'; supported: {string.Join(", ", Ciphers.Keys)}");

    /// <summary>MAC parameters; throws <see cref="SshException"/> for an unknown name.</summary>
    public static MacInfo GetMac(string name) =>
        Macs.TryGetValue(name, out var entry)
            ? entry.Info
            : throw new SshException($"unsupported MAC '{name}'; supported: {string.Join(", ", Macs.Keys)}");

    /// <summary>
    /// The sending side for a negotiated cipher and MAC. <paramref name="mac"/> is ignored for AEAD
    /// ciphers and required otherwise (except for "none"). Keys longer than needed are truncated.
    /// </summary>
    public static IPacketEncryptor CreateEncryptor(string cipher, string? mac, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> macKey)
    {
        CipherInfo info = GetCipher(cipher);
        CheckLength("key", cipher, key, info.KeyLength);
        CheckLength("IV", cipher, iv, info.IvLength);
        switch (cipher)
        {
            case "chacha20-poly1305@openssh.com":
                return new ChaCha20Poly1305PacketEncryptor(key[..info.KeyLength]);
            case "aes128-gcm@openssh.com":
            case "aes256-gcm@openssh.com":
                return new AesGcmPacketEncryptor(key[..info.KeyLength], iv[..info.IvLength]);
        }
        (SshHmac? hmac, bool etm) = CreateMac(cipher, mac, macKey);
        return new BlockCipherPacketEncryptor(CreateTransform(info, key, iv, encrypt: true), hmac, etm);
    }

    /// <summary>The receiving side for a negotiated cipher and MAC (same rules as <see cref="CreateEncryptor"/>).</summary>
    public static IPacketDecryptor CreateDecryptor(string cipher, string? mac, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> macKey)
    {
        CipherInfo info = GetCipher(cipher);
        CheckLength("key", cipher, key, info.KeyLength);
        CheckLength("IV", cipher, iv, info.IvLength);
        switch (cipher)
        {
            case "chacha20-poly1305@openssh.com":
                return new ChaCha20Poly1305PacketDecryptor(key[..info.KeyLength]);
            case "aes128-gcm@openssh.com":
            case "aes256-gcm@openssh.com":
                return new AesGcmPacketDecryptor(key[..info.KeyLength], iv[..info.IvLength]);
        }
        (SshHmac? hmac, bool etm) = CreateMac(cipher, mac, macKey);
        return new BlockCipherPacketDecryptor(CreateTransform(info, key, iv, encrypt: false), hmac, etm);
    }

    /// <summary>The cleartext sending side used before the first NEWKEYS.</summary>
    public static IPacketEncryptor CreateNoneEncryptor() => new BlockCipherPacketEncryptor(new NoneTransform(), null, false);

    /// <summary>The cleartext receiving side used before the first NEWKEYS.</summary>
    public static IPacketDecryptor CreateNoneDecryptor() => new BlockCipherPacketDecryptor(new NoneTransform(), null, false);

    private static (SshHmac? Mac, bool Etm) CreateMac(string cipher, string? mac, ReadOnlySpan<byte> macKey)
    {
        if (mac is null or "none")
        {
            if (cipher == "none") return (null, false);
            throw new SshException($"cipher '{cipher}' is not authenticated and needs a MAC, but none was negotiated");
        }
        if (!Macs.TryGetValue(mac, out var entry))
            throw new SshException($"unsupported MAC '{mac}'; supported: {string.Join(", ", Macs.Keys)}");
        CheckLength("MAC key", mac, macKey, entry.Info.KeyLength);
        return (new SshHmac(entry.Hash, macKey[..entry.Info.KeyLength], entry.Info.OutputLength), entry.Info.EncryptThenMac);
    }

    private static IBlockTransform CreateTransform(CipherInfo info, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool encrypt)
    {
        ReadOnlySpan<byte> k = key[..info.KeyLength];
        ReadOnlySpan<byte> v = iv[..info.IvLength];
        return info.Name switch
        {
            "none" => new NoneTransform(),
            "aes128-ctr" or "aes192-ctr" or "aes256-ctr" => new AesCtrTransform(k, v),
            "3des-cbc" => new CbcTransform(TripleDES.Create(), k, v, encrypt),
            _ => new CbcTransform(Aes.Create(), k, v, encrypt),
        };
    }

    private static void CheckLength(string what, string algorithm, ReadOnlySpan<byte> value, int needed)
    {
        if (value.Length < needed)
            throw new SshException($"{algorithm} needs a {needed}-byte {what}, got {value.Length} bytes");
    }

    private static Dictionary<string, (MacInfo, HashAlgorithmName)> BuildMacs()
    {
        var macs = new Dictionary<string, (MacInfo, HashAlgorithmName)>(StringComparer.Ordinal);
        void Add(string name, HashAlgorithmName hash, int keyLength, int outputLength, bool legacy)
        {
            macs[name] = (new MacInfo(name, keyLength, outputLength, false, legacy), hash);
            string etm = name + "-etm@openssh.com";
            macs[etm] = (new MacInfo(etm, keyLength, outputLength, true, legacy), hash);
        }
        Add("hmac-sha2-256", HashAlgorithmName.SHA256, 32, 32, false);
        Add("hmac-sha2-512", HashAlgorithmName.SHA512, 64, 64, false);
        Add("hmac-sha1", HashAlgorithmName.SHA1, 20, 20, false);
        Add("hmac-sha1-96", HashAlgorithmName.SHA1, 20, 12, true);
        Add("hmac-md5", HashAlgorithmName.MD5, 16, 16, true);
        Add("hmac-md5-96", HashAlgorithmName.MD5, 16, 12, true);
        return macs;
    }
}
