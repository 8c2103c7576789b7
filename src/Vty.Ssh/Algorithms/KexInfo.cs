using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms;

/// <summary>A key exchange method: its exchange-hash algorithm, its family and whether it is legacy-only.</summary>
public sealed record KexInfo(string Name, HashAlgorithmName Hash, KexKind Kind, bool IsLegacy)
{
    /// <summary>
    /// True when the shared secret K enters the exchange hash and the key derivation as an SSH
    /// string (the hybrid KEM methods) rather than as an mpint.
    /// </summary>
    public bool SecretIsString => Kind == KexKind.HybridKem;
}
