using System.Security.Cryptography;
using System.Text;

namespace Vty.Ssh.Server.Auth;

/// <summary>Constant-time string comparison, so a password check leaks nothing through timing.</summary>
internal static class SecretComparer
{
    public static bool Equals(string a, string b)
    {
        byte[] left = SHA256.HashData(Encoding.UTF8.GetBytes(a));
        byte[] right = SHA256.HashData(Encoding.UTF8.GetBytes(b));
        return CryptographicOperations.FixedTimeEquals(left, right);
    }
}
