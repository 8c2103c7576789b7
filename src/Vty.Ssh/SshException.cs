namespace Vty.Ssh;

/// <summary>Base type of every error raised by Vty.Ssh.</summary>
public class SshException : Exception
{
    public SshException(string message) : base(message) { }
    public SshException(string message, Exception? inner) : base(message, inner) { }
}
