using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Vty.Ssh.Algorithms.Ciphers;
using Vty.Ssh.Keys.Crypto;
using Vty.Ssh.Keys.Types;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Formats;

/// <summary>
/// The "openssh-key-v1" private key format (OpenSSH PROTOCOL.key): unencrypted, or encrypted with
/// bcrypt_pbkdf and aes*-ctr, aes*-cbc or aes*-gcm@openssh.com.
/// </summary>
internal static class OpenSshKeyFormat
{
    public const string Label = "OPENSSH PRIVATE KEY";
    private static readonly byte[] Magic = "openssh-key-v1\0"u8.ToArray();

    public static ParsedPrivateKey Read(byte[] body, string? passphrase)
    {
        try
        {
            return ReadCore(body, passphrase);
        }
        catch (SshWireFormatException e)
        {
            throw new SshKeyException($"openssh-key-v1 private key is malformed: {e.Message}", e);
        }
    }

    private static ParsedPrivateKey ReadCore(byte[] body, string? passphrase)
    {
        if (!body.AsSpan().StartsWith(Magic))
            throw new SshKeyException("OPENSSH PRIVATE KEY block does not start with 'openssh-key-v1': unknown or corrupt format");
        var reader = new SshReader(body.AsSpan(Magic.Length));
        string cipher = reader.ReadString();
        string kdf = reader.ReadString();
        ReadOnlySpan<byte> kdfOptions = reader.ReadStringBytes();
        uint count = reader.ReadUInt32();
        if (count != 1)
            throw new SshKeyException($"openssh-key-v1 file holds {count} keys; exactly one is supported");
        ReadOnlySpan<byte> publicBlob = reader.ReadStringBytes();
        ReadOnlySpan<byte> encrypted = reader.ReadStringBytes();

        byte[] section;
        if (cipher == "none")
        {
            if (kdf != "none") throw new SshKeyException($"openssh-key-v1: unencrypted key with KDF '{kdf}'");
            section = encrypted.ToArray();
        }
        else
        {
            if (kdf != "bcrypt")
                throw new SshKeyException($"openssh-key-v1: unsupported KDF '{kdf}' (only bcrypt is supported)");
            if (string.IsNullOrEmpty(passphrase))
                throw SshKeyPassphraseException.Missing();
            var options = new SshReader(kdfOptions);
            byte[] salt = options.ReadStringBytes().ToArray();
            uint rounds = options.ReadUInt32();
            if (rounds == 0 || rounds > 16384)
                throw new SshKeyException($"openssh-key-v1: implausible bcrypt rounds {rounds} (1 to 16384 are accepted)");
            section = Decrypt(cipher, encrypted, reader.ReadRemaining(), passphrase, salt, (int)rounds);
        }
        try
        {
            return ReadPrivateSection(section, publicBlob);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(section);
        }
    }

    private static byte[] Decrypt(string cipher, ReadOnlySpan<byte> encrypted, ReadOnlySpan<byte> trailer, string passphrase, byte[] salt, int rounds)
    {
        (int keyLength, int ivLength, bool gcm, bool ctr) = cipher switch
        {
            "aes128-ctr" => (16, 16, false, true),
            "aes192-ctr" => (24, 16, false, true),
            "aes256-ctr" => (32, 16, false, true),
            "aes128-cbc" => (16, 16, false, false),
            "aes192-cbc" => (24, 16, false, false),
            "aes256-cbc" => (32, 16, false, false),
            "aes128-gcm@openssh.com" => (16, 12, true, false),
            "aes256-gcm@openssh.com" => (32, 12, true, false),
            _ => throw new SshKeyException($"openssh-key-v1: unsupported key cipher '{cipher}' (supported: aes*-ctr, aes*-cbc, aes*-gcm@openssh.com); re-encrypt it with 'ssh-keygen -p'"),
        };
        if (encrypted.Length % 16 != 0)
            throw new SshKeyException("openssh-key-v1: encrypted section is not a whole number of cipher blocks");
        byte[] derived = BcryptPbkdf.DeriveKey(Encoding.UTF8.GetBytes(passphrase), salt, rounds, keyLength + ivLength);
        byte[] plain = encrypted.ToArray();
        try
        {
            ReadOnlySpan<byte> key = derived.AsSpan(0, keyLength);
            ReadOnlySpan<byte> iv = derived.AsSpan(keyLength, ivLength);
            if (gcm)
            {
                if (trailer.Length < 16) throw new SshKeyException("openssh-key-v1: the AES-GCM tag is missing");
                using var aes = new AesGcm(key, 16);
                try
                {
                    aes.Decrypt(iv, encrypted, trailer[..16], plain);
                }
                catch (AuthenticationTagMismatchException e)
                {
                    throw SshKeyPassphraseException.Wrong(e);
                }
            }
            else if (ctr)
            {
                using var transform = new AesCtrTransform(key, iv);
                transform.Transform(plain);
            }
            else
            {
                using Aes aes = Aes.Create();
                aes.Key = key.ToArray();
                aes.DecryptCbc(plain, iv, plain, PaddingMode.None);
            }
            return plain;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    private static ParsedPrivateKey ReadPrivateSection(byte[] section, ReadOnlySpan<byte> publicBlob)
    {
        if (section.Length < 8)
            throw new SshKeyException("openssh-key-v1: private section is truncated");
        if (BinaryPrimitives.ReadUInt32BigEndian(section) != BinaryPrimitives.ReadUInt32BigEndian(section.AsSpan(4)))
            throw SshKeyPassphraseException.Wrong();
        var reader = new SshReader(section.AsSpan(8));
        string keyType = reader.ReadString();
        PrivateKeyAlgorithm key = keyType switch
        {
            "ssh-ed25519" => Ed25519PrivateKey.ReadOpenSsh(ref reader),
            "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => EcdsaPrivateKey.ReadOpenSsh(keyType, ref reader),
            "ssh-rsa" => RsaPrivateKey.ReadOpenSsh(ref reader),
            "ssh-dss" => DsaPrivateKey.ReadOpenSsh(ref reader),
            _ => throw new SshKeyException($"openssh-key-v1: unsupported key type '{keyType}' (supported: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa, ssh-dss)"),
        };
        try
        {
            string comment = reader.ReadString();
            ReadOnlySpan<byte> padding = reader.ReadRemaining();
            for (int i = 0; i < padding.Length; i++)
                if (padding[i] != (byte)(i + 1))
                    throw new SshKeyException("openssh-key-v1: private section padding is corrupt");
            if (!key.PublicBlob.AsSpan().SequenceEqual(publicBlob))
                throw new SshKeyException("openssh-key-v1: the private key does not match the public key stored with it");
            return new ParsedPrivateKey(key, comment);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes an openssh-key-v1 file: unencrypted (cipher and KDF "none") without a passphrase,
    /// otherwise encrypted as ssh-keygen does by default (bcrypt_pbkdf, 16-byte salt, aes256-ctr).
    /// </summary>
    public static string Write(PrivateKeyAlgorithm key, string comment, string? passphrase = null, int rounds = 16)
    {
        bool encrypt = !string.IsNullOrEmpty(passphrase);
        int blockSize = encrypt ? 16 : 8;
        using var section = new SshWriter(1024);
        uint check = BinaryPrimitives.ReadUInt32BigEndian(RandomNumberGenerator.GetBytes(4));
        section.WriteUInt32(check);
        section.WriteUInt32(check);
        section.WriteString(key.KeyType);
        key.WriteOpenSshPrivate(section);
        section.WriteString(comment);
        for (byte pad = 1; section.Length % blockSize != 0; pad++) section.WriteByte(pad);

        using var file = new SshWriter(section.Length + 512);
        file.WriteRaw(Magic);
        byte[] body = section.ToArray();
        try
        {
            if (encrypt)
            {
                if (rounds < 1) throw new SshKeyException("bcrypt rounds must be at least 1");
                byte[] salt = RandomNumberGenerator.GetBytes(16);
                byte[] derived = BcryptPbkdf.DeriveKey(Encoding.UTF8.GetBytes(passphrase!), salt, rounds, 32 + 16);
                using (var ctr = new AesCtrTransform(derived.AsSpan(0, 32), derived.AsSpan(32, 16)))
                    ctr.Transform(body);
                CryptographicOperations.ZeroMemory(derived);
                using var options = new SshWriter(32);
                options.WriteString(salt);
                options.WriteUInt32((uint)rounds);
                file.WriteString("aes256-ctr");
                file.WriteString("bcrypt");
                file.WriteString(options.WrittenSpan);
            }
            else
            {
                file.WriteString("none");
                file.WriteString("none");
                file.WriteString(ReadOnlySpan<byte>.Empty);
            }
            file.WriteUInt32(1);
            file.WriteString(key.PublicBlob);
            file.WriteString(body);
            return PemBlock.Write(Label, file.WrittenSpan);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }
}
