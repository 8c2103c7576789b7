using System.Security.Cryptography;
using System.Text;

namespace Vty.Ssh.Keys.Formats;

/// <summary>
/// OpenSSL's traditional PEM encryption ("Proc-Type: 4,ENCRYPTED" with "DEK-Info: cipher,iv"):
/// the key comes from EVP_BytesToKey with MD5, one iteration, and the first 8 IV bytes as salt.
/// </summary>
internal static class LegacyPemEncryption
{
    public static bool IsEncrypted(PemBlock block) =>
        block.Headers.TryGetValue("Proc-Type", out string? procType) && procType.Contains("ENCRYPTED", StringComparison.OrdinalIgnoreCase);

    public static byte[] Decrypt(PemBlock block, string? passphrase)
    {
        if (!block.Headers.TryGetValue("DEK-Info", out string? dekInfo))
            throw new SshKeyException($"encrypted '{block.Label}' block has no DEK-Info header");
        string[] parts = dekInfo.Split(',', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new SshKeyException($"malformed DEK-Info header '{dekInfo}'");
        (int keyLength, Func<SymmetricAlgorithm> create) = parts[0].ToUpperInvariant() switch
        {
            "AES-128-CBC" => (16, (Func<SymmetricAlgorithm>)Aes.Create),
            "AES-192-CBC" => (24, Aes.Create),
            "AES-256-CBC" => (32, Aes.Create),
            "DES-EDE3-CBC" => (24, TripleDES.Create),
            _ => throw new SshKeyException($"unsupported PEM encryption '{parts[0]}' (supported: AES-128/192/256-CBC, DES-EDE3-CBC); convert the key with 'ssh-keygen -p'"),
        };
        byte[] iv;
        try
        {
            iv = Convert.FromHexString(parts[1]);
        }
        catch (FormatException e)
        {
            throw new SshKeyException("DEK-Info IV is not hexadecimal", e);
        }
        if (string.IsNullOrEmpty(passphrase))
            throw SshKeyPassphraseException.Missing();
        using SymmetricAlgorithm cipher = create();
        if (iv.Length != cipher.BlockSize / 8)
            throw new SshKeyException($"DEK-Info IV has {iv.Length} bytes, {parts[0]} needs {cipher.BlockSize / 8}");
        byte[] key = BytesToKey(Encoding.UTF8.GetBytes(passphrase), iv.AsSpan(0, 8), keyLength);
        try
        {
            cipher.Key = key;
            return cipher.DecryptCbc(block.Body, iv, PaddingMode.PKCS7);
        }
        catch (CryptographicException e)
        {
            throw SshKeyPassphraseException.Wrong(e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>EVP_BytesToKey(MD5, count 1): D_i = MD5(D_(i-1) || passphrase || salt), concatenated.</summary>
    internal static byte[] BytesToKey(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, int keyLength)
    {
        byte[] key = new byte[keyLength];
        byte[] previous = [];
        int filled = 0;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        while (filled < keyLength)
        {
            md5.AppendData(previous);
            md5.AppendData(passphrase);
            md5.AppendData(salt);
            previous = md5.GetHashAndReset();
            int n = Math.Min(previous.Length, keyLength - filled);
            previous.AsSpan(0, n).CopyTo(key.AsSpan(filled));
            filled += n;
        }
        CryptographicOperations.ZeroMemory(previous);
        return key;
    }
}
