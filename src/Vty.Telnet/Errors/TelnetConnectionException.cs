namespace Vty.Telnet;

/// <summary>The TCP connection could not be made, timed out, or broke.</summary>
public sealed class TelnetConnectionException : TelnetException
{
    /// <summary>Creates the exception.</summary>
    public TelnetConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
