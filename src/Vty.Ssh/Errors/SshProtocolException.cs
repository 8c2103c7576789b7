namespace Vty.Ssh;

/// <summary>The peer broke the SSH protocol (bad identification, unexpected message, malformed packet).</summary>
public class SshProtocolException : SshException
{
    public SshProtocolException(string message) : base(message) { }
    public SshProtocolException(string message, Exception? inner) : base(message, inner) { }
}
