using System.Security.Cryptography;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Transport.KeyExchange;

/// <summary>Derives the six session keys from K, H and the session id (RFC 4253 §7.2).</summary>
internal static class SessionKeyDerivation
{
    /// <summary>
    /// HASH(K || H || letter || session_id), extended with HASH(K || H || K1 || …) to
    /// <paramref name="length"/> bytes. K is encoded as an mpint, or as a string for the hybrid
    /// KEM methods (<paramref name="secretIsString"/>).
    /// </summary>
    public static byte[] Derive(HashAlgorithmName hash, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> exchangeHash,
        char letter, ReadOnlySpan<byte> sessionId, int length, bool secretIsString = false)
    {
        var result = new byte[length];
        if (length == 0) return result;
        using var kEncoded = new SshWriter(sharedSecret.Length + 8);
        if (secretIsString) kEncoded.WriteString(sharedSecret);
        else kEncoded.WriteMPInt(sharedSecret);
        using var h = IncrementalHash.CreateHash(hash);
        h.AppendData(kEncoded.WrittenSpan);
        h.AppendData(exchangeHash);
        h.AppendData([(byte)letter]);
        h.AppendData(sessionId);
        byte[] block = h.GetHashAndReset();
        int filled = Math.Min(block.Length, length);
        block.AsSpan(0, filled).CopyTo(result);
        while (filled < length)
        {
            h.AppendData(kEncoded.WrittenSpan);
            h.AppendData(exchangeHash);
            h.AppendData(result.AsSpan(0, filled));
            block = h.GetHashAndReset();
            int n = Math.Min(block.Length, length - filled);
            block.AsSpan(0, n).CopyTo(result.AsSpan(filled));
            filled += n;
        }
        CryptographicOperations.ZeroMemory(block);
        return result;
    }
}
