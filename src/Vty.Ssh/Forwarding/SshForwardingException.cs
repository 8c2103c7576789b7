namespace Vty.Ssh;

/// <summary>A port forward could not be set up (local address in use, the server refused the remote port, …).</summary>
public sealed class SshForwardingException : SshException
{
    public SshForwardingException(string message) : base(message) { }
    public SshForwardingException(string message, Exception? inner) : base(message, inner) { }
}
