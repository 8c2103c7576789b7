namespace Vty.Ssh.Algorithms;

/// <summary>The algorithm lists a connection offers, by their OpenSSH option name.</summary>
public enum SshAlgorithmCategory
{
    /// <summary>KexAlgorithms.</summary>
    Kex,

    /// <summary>HostKeyAlgorithms (signature algorithms the server may prove its host key with).</summary>
    HostKey,

    /// <summary>Ciphers.</summary>
    Cipher,

    /// <summary>MACs.</summary>
    Mac,

    /// <summary>PubkeyAcceptedAlgorithms (signature algorithms the client may authenticate with).</summary>
    PublicKey,
}
