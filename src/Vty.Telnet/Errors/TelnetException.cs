namespace Vty.Telnet;

/// <summary>Base of all Vty.Telnet errors. An <see cref="IOException"/>, so stream consumers see the usual type.</summary>
public class TelnetException : IOException
{
    /// <summary>Creates the exception.</summary>
    public TelnetException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
