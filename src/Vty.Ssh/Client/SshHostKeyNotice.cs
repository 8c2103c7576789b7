using Vty.Ssh.Keys;

namespace Vty.Ssh;

/// <summary>
/// A host key event for the user (see <see cref="SshClientOptions.HostKeyNotice"/>): <see cref="Message"/>
/// is ready to print to stderr, in the words OpenSSH's ssh uses for the same event where it has them.
/// </summary>
public sealed record SshHostKeyNotice(SshHostKeyNoticeKind Kind, string Host, int Port, SshPublicKey HostKey, string KnownHostsPath, string Message)
{
    /// <summary>The short key type name OpenSSH prints in messages: ED25519, ECDSA, RSA, DSA (certificates add -CERT).</summary>
    public static string KeyTypeLabel(string keyType)
    {
        const string CertSuffix = "-cert-v01@openssh.com";
        bool certificate = keyType.EndsWith(CertSuffix, StringComparison.Ordinal);
        string plain = certificate ? keyType[..^CertSuffix.Length] : keyType;
        string label = plain switch
        {
            "ssh-ed25519" => "ED25519",
            "ssh-rsa" => "RSA",
            "ssh-dss" => "DSA",
            "sk-ssh-ed25519@openssh.com" => "ED25519-SK",
            "sk-ecdsa-sha2-nistp256@openssh.com" => "ECDSA-SK",
            _ when plain.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => "ECDSA",
            _ => plain,
        };
        return certificate ? label + "-CERT" : label;
    }
}
