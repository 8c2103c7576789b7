namespace Vty.Telnet;

/// <summary>The peer broke the Telnet protocol in a way the session was configured not to tolerate.</summary>
public sealed class TelnetProtocolException : TelnetException
{
    /// <summary>Creates the exception.</summary>
    public TelnetProtocolException(string message)
        : base(message)
    {
    }
}
