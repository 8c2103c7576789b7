namespace Vty.Ssh.Keys.Certificates;

/// <summary>What an OpenSSH certificate vouches for (its "type" field).</summary>
public enum SshCertificateKind
{
    /// <summary>A user key: logs in as one of its principals (SSH2_CERT_TYPE_USER, 1).</summary>
    User = 1,

    /// <summary>A host key: identifies a server under one of its principals (SSH2_CERT_TYPE_HOST, 2).</summary>
    Host = 2,
}
