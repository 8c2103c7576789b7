using System.Net;
using Vty.Ssh.Keys;
using Vty.Ssh.Keys.Certificates;

namespace Vty.Ssh.Server.Auth;

/// <summary>
/// The server's check of a user certificate (sshd's TrustedUserCAKeys): a trusted CA signed it, it is a
/// user certificate valid now, one of its principals is allowed for the user, and every critical option
/// is one the server enforces (source-address). force-command and verify-required are refused: Vty's
/// server cannot enforce them for every session handler, so accepting them would widen the certificate.
/// </summary>
internal static class UserCertificateCheck
{
    /// <summary>Why the certificate may not log in as <paramref name="user"/>, or null when it may.</summary>
    public static string? Problem(SshCertificate certificate, string user, SshServerAuthentication policy, EndPoint? remote, DateTimeOffset now)
    {
        if (!policy.TrustedUserCaKeys.Any(ca => ca.Equals(certificate.SignatureKey)))
            return $"its CA {certificate.SignatureKey.Sha256Fingerprint} is not a trusted user CA";
        if (certificate.CheckValidity(SshCertificateKind.User, now) is { } problem) return problem;
        IReadOnlyCollection<string> allowed = policy.AuthorizedPrincipals?.Invoke(user) ?? [user];
        if (!certificate.Principals.Any(p => allowed.Contains(p, StringComparer.Ordinal)))
            return certificate.Principals.Count == 0
                ? $"certificate '{certificate.KeyId}' names no principal"
                : $"certificate '{certificate.KeyId}' is for {string.Join(", ", certificate.Principals)}, none of which may log in as {user}";
        foreach (var (name, value) in certificate.CriticalOptions)
        {
            switch (name)
            {
                case "source-address":
                    if (!FromAllowedAddress(value, remote))
                        return $"certificate '{certificate.KeyId}' may only be used from {value}, not from {remote}";
                    break;
                default:
                    return $"certificate '{certificate.KeyId}' has the critical option {name}, which this server does not enforce";
            }
        }
        return null;
    }

    private static bool FromAllowedAddress(string list, EndPoint? remote)
    {
        if (remote is not IPEndPoint { Address: var address }) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (string item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(item, out IPNetwork network) && network.Contains(address)) return true;
            if (IPAddress.TryParse(item, out IPAddress? single) && single.Equals(address)) return true;
        }
        return false;
    }
}
