namespace Vty.Ssh;

/// <summary>The TCP connection to the SSH server could not be made or was lost.</summary>
public class SshConnectionException : SshException
{
    public SshConnectionException(string message) : base(message) { }
    public SshConnectionException(string message, Exception? inner) : base(message, inner) { }
}
