namespace Vty.Telnet.Protocol;

/// <summary>Telnet option codes Vty knows by name. Any other byte value is a valid (refused) option too.</summary>
public enum TelnetOption : byte
{
    /// <summary>Binary transmission (RFC 856).</summary>
    Binary = 0,
    /// <summary>Echo (RFC 857).</summary>
    Echo = 1,
    /// <summary>Suppress Go Ahead (RFC 858).</summary>
    SuppressGoAhead = 3,
    /// <summary>Status (RFC 859).</summary>
    Status = 5,
    /// <summary>Timing mark (RFC 860).</summary>
    TimingMark = 6,
    /// <summary>Terminal type (RFC 1091).</summary>
    TerminalType = 24,
    /// <summary>Negotiate About Window Size (RFC 1073).</summary>
    WindowSize = 31,
    /// <summary>Terminal speed (RFC 1079).</summary>
    TerminalSpeed = 32,
    /// <summary>Remote flow control (RFC 1372).</summary>
    RemoteFlowControl = 33,
    /// <summary>Linemode (RFC 1184).</summary>
    Linemode = 34,
    /// <summary>X display location (RFC 1096).</summary>
    XDisplayLocation = 35,
    /// <summary>Old environment option (RFC 1408).</summary>
    Environment = 36,
    /// <summary>Authentication (RFC 2941).</summary>
    Authentication = 37,
    /// <summary>Encryption (RFC 2946).</summary>
    Encrypt = 38,
    /// <summary>New environment option (RFC 1572).</summary>
    NewEnvironment = 39,
    /// <summary>Charset (RFC 2066).</summary>
    Charset = 42,
}
