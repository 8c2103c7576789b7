using System.Security.Cryptography;

namespace Vty.Ssh.Keys.Types;

/// <summary>The signature algorithms of an ssh-rsa key (RFC 8332) and their hashes.</summary>
internal static class RsaSignatureAlgorithms
{
    public static readonly IReadOnlyList<string> All = ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];

    public static HashAlgorithmName? HashFor(string signatureAlgorithm) => signatureAlgorithm switch
    {
        "rsa-sha2-512" => HashAlgorithmName.SHA512,
        "rsa-sha2-256" => HashAlgorithmName.SHA256,
        "ssh-rsa" => HashAlgorithmName.SHA1,
        _ => null,
    };
}
