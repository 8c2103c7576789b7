namespace Vty.Ssh.Keys;

/// <summary>A key file or key blob is malformed or uses an unsupported format or algorithm; the message says which and why.</summary>
public class SshKeyException : SshException
{
    public SshKeyException(string message) : base(message) { }
    public SshKeyException(string message, Exception? inner) : base(message, inner) { }
}
