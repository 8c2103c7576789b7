namespace Vty.Telnet;

/// <summary>What a session does with a subnegotiation longer than its bound.</summary>
public enum SubnegotiationOverflowAction
{
    /// <summary>Discard the subnegotiation, log a warning, keep the session (default).</summary>
    Drop,

    /// <summary>Fail the session with a <see cref="TelnetProtocolException"/>.</summary>
    Fail,
}
