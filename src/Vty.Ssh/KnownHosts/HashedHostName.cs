using System.Security.Cryptography;
using System.Text;

namespace Vty.Ssh.KnownHosts;

/// <summary>
/// Hashed known_hosts names (HashKnownHosts, ssh-keygen -H): "|1|" base64(salt) "|"
/// base64(HMAC-SHA1(key = salt, message = host name)), with a 20-byte random salt.
/// </summary>
internal static class HashedHostName
{
    public static bool Matches(string hashed, string hostName)
    {
        string[] parts = hashed.Split('|');
        if (parts.Length != 4 || parts[0].Length != 0 || parts[1] != "1") return false;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        byte[] actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(hostName));
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>True when a hashed name field is well formed.</summary>
    public static bool IsValid(string hashed)
    {
        string[] parts = hashed.Split('|');
        if (parts.Length != 4 || parts[0].Length != 0 || parts[1] != "1") return false;
        try
        {
            return Convert.FromBase64String(parts[2]).Length > 0 && Convert.FromBase64String(parts[3]).Length == 20;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string Create(string hostName)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(20);
        byte[] hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(hostName));
        return "|1|" + Convert.ToBase64String(salt) + "|" + Convert.ToBase64String(hash);
    }
}
