using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Kex;

/// <summary>How the hybrid key exchanges combine their two secrets (the KEM's first, then X25519's).</summary>
internal static class HybridSecret
{
    public const int X25519Length = 32;

    /// <summary>HASH(kemSecret || classicSecret); both inputs are wiped.</summary>
    public static byte[] Combine(HashAlgorithmName hash, byte[] kemSecret, byte[] classicSecret)
    {
        using var h = IncrementalHash.CreateHash(hash);
        h.AppendData(kemSecret);
        h.AppendData(classicSecret);
        CryptographicOperations.ZeroMemory(kemSecret);
        CryptographicOperations.ZeroMemory(classicSecret);
        return h.GetHashAndReset();
    }
}
