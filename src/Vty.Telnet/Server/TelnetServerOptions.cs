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

    /// <summary>
    /// Time a client has from connecting until the handler calls
    /// <see cref="TelnetServerConnection.LoginSucceeded"/> (as OpenSSH's LoginGraceTime and login(1)'s
    /// 60 s). When it runs out the client is told "Login timed out after N seconds." and
    /// disconnected. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan LoginGraceTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Random early drop of new connections while many others have not logged in yet (OpenSSH's
    /// MaxStartups, default 10:30:100). Together with <see cref="LoginGraceTime"/> it keeps a flood of
    /// idle connections from locking well-behaved clients out for longer than the grace time.
    /// Labs and load tests that open hundreds of connections at once set a larger value or
    /// <see cref="TelnetMaxStartups.Unlimited"/>.
    /// </summary>
    public TelnetMaxStartups MaxStartups { get; set; } = TelnetMaxStartups.Default;

    /// <summary>Diagnostics (connections at Information, negotiation at Debug/Trace, failures at Warning).</summary>
    public ILogger? Logger { get; set; }
}
