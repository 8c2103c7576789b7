using Microsoft.Extensions.Logging;

namespace Vty.Telnet;

/// <summary>How a <see cref="TelnetServer"/> negotiates with each client.</summary>
public sealed class TelnetServerOptions
{
    /// <summary>
    /// How long a new connection waits for the client's terminal type and window size before the
    /// handler runs anyway (clients that ignore options still get served).
    /// </summary>
    public TimeSpan NegotiationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Offer WILL ECHO (the handler echoes input). Default true, as telnetds do for login.</summary>
    public bool OfferEcho { get; set; } = true;

    /// <summary>Agree to BINARY when the client asks for it.</summary>
    public bool AcceptBinary { get; set; } = true;

    /// <summary>Longest subnegotiation buffered; longer ones are handled per <see cref="SubnegotiationOverflow"/>.</summary>
    public int MaxSubnegotiationLength { get; set; } = 4096;

    /// <summary>What to do with a subnegotiation over the bound.</summary>
    public SubnegotiationOverflowAction SubnegotiationOverflow { get; set; } = SubnegotiationOverflowAction.Drop;

    /// <summary>How long <see cref="TelnetServer.StopAsync"/> lets handlers finish after cancelling them.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections served at once; further clients wait in the listen backlog.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>Diagnostics (connections at Information, negotiation at Debug/Trace, failures at Warning).</summary>
    public ILogger? Logger { get; set; }
}
