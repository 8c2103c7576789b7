using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms;

/// <summary>A key exchange method: its exchange-hash algorithm, its family and whether it is legacy-only.</summary>
public sealed record KexInfo(string Name, HashAlgorithmName Hash, KexKind Kind, bool IsLegacy);
