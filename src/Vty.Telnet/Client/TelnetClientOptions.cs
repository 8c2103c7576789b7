using System.Text;
using Microsoft.Extensions.Logging;

namespace Vty.Telnet;

/// <summary>How a <see cref="TelnetClient"/> connects and what it tells the server.</summary>
public sealed class TelnetClientOptions
{
    /// <summary>Terminal type sent when the server asks (TTYPE, RFC 1091).</summary>
    public string TerminalType { get; set; } = "xterm";

    /// <summary>Window width sent with NAWS (RFC 1073).</summary>
    public int Columns { get; set; } = 80;

    /// <summary>Window height sent with NAWS.</summary>
    public int Rows { get; set; } = 24;

    /// <summary>Time allowed for name resolution plus the TCP connect.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Ask for BINARY (RFC 856) in both directions right after connecting.</summary>
    public bool RequestBinary { get; set; }

    /// <summary>
    /// Agree when the server asks for BINARY. Off by default: in binary mode a telnetd no longer
    /// folds CR LF into one end of line, so text sent as "command\r\n" would give an extra empty line.
    /// </summary>
    public bool AcceptBinary { get; set; }

    /// <summary>Text encoding used by the text helpers (<see cref="TelnetClient.WriteTextAsync"/>,
    /// <see cref="TelnetClient.ReadTextAsync"/>). Latin-1 by default, which maps every byte to a char.</summary>
    public Encoding Encoding { get; set; } = Encoding.Latin1;

    /// <summary>Longest subnegotiation buffered; longer ones are handled per <see cref="SubnegotiationOverflow"/>.</summary>
    public int MaxSubnegotiationLength { get; set; } = 4096;

    /// <summary>What to do with a subnegotiation over the bound.</summary>
    public SubnegotiationOverflowAction SubnegotiationOverflow { get; set; } = SubnegotiationOverflowAction.Drop;

    /// <summary>Diagnostics (negotiation at Debug/Trace, protocol anomalies at Warning).</summary>
    public ILogger? Logger { get; set; }
}
