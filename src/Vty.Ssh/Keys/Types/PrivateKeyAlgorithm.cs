using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>A private key of one type: signs, and writes itself in the openssh-key-v1 private section.</summary>
internal abstract class PrivateKeyAlgorithm : IDisposable
{
    /// <summary>The SSH key type name ("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", "ssh-dss").</summary>
    public abstract string KeyType { get; }

    /// <summary>The public key blob (string type, then the type's public fields).</summary>
    public abstract byte[] PublicBlob { get; }

    /// <summary>Signs data and returns the raw signature (the inner string of the signature blob).</summary>
    public abstract byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data);

    /// <summary>Writes the fields following the key type in the openssh-key-v1 private section (comment excluded).</summary>
    public abstract void WriteOpenSshPrivate(SshWriter writer);

    public abstract void Dispose();
}
