using System.Net;
using Vty.Telnet.Protocol;
using Vty.Telnet.Session;

namespace Vty.Telnet;

/// <summary>One client connection as handed to a <see cref="TelnetServer"/> handler.</summary>
public sealed class TelnetServerConnection
{
    private readonly TelnetSession _session;
    private readonly TelnetLoginState _login;

    internal TelnetServerConnection(TelnetSession session, TelnetDataStream stream, TelnetLoginState login)
    {
        _session = session;
        Stream = stream;
        _login = login;
    }

    /// <summary>
    /// Tells the server the client has logged in: the login grace time
    /// (<see cref="TelnetServerOptions.LoginGraceTime"/>) stops and the connection no longer counts
    /// against <see cref="TelnetServerOptions.MaxStartups"/>. A handler without a login dialog
    /// calls it at once; one that never calls it has its client cut off when the grace time ends.
    /// </summary>
    public void LoginSucceeded() => _login.MarkLoggedIn();

    /// <summary>Application data to and from the client (options handled). Disposing it closes the connection.</summary>
    public Stream Stream { get; }

    /// <summary>The client's terminal type (TTYPE), or null if it did not send one.</summary>
    public string? TerminalType => _session.PeerTerminalType;

    /// <summary>The client's window size (NAWS), or null if it did not send one. Zero means "unknown" (RFC 1073).</summary>
    public (int Columns, int Rows)? WindowSize => _session.PeerWindowSize;

    /// <summary>Raised when the client reports a new window size (columns, rows), on the connection's receive loop: keep handlers short.</summary>
    public event Action<int, int>? WindowSizeChanged
    {
        add => _session.WindowSizeReceived += value;
        remove => _session.WindowSizeReceived -= value;
    }

    /// <summary>Raised when the client sends a command such as IP, BRK, AO, EC, EL or AYT (AYT is also answered).</summary>
    public event Action<TelnetCommand>? CommandReceived
    {
        add => _session.CommandReceived += value;
        remove => _session.CommandReceived -= value;
    }

    /// <summary>The client's address.</summary>
    public EndPoint RemoteEndPoint => _session.RemoteEndPoint;

    /// <summary>True when the client agreed that we echo (so the handler should echo input).</summary>
    public bool Echo => _session.IsLocalEnabled(TelnetOption.Echo);

    /// <summary>True when the client sends BINARY.</summary>
    public bool BinaryReceive => _session.IsRemoteEnabled(TelnetOption.Binary);

    /// <summary>True when we send BINARY.</summary>
    public bool BinarySend => _session.IsLocalEnabled(TelnetOption.Binary);

    /// <summary>Whether an option is currently enabled on our side or the client's.</summary>
    public bool IsOptionEnabled(TelnetOption option, bool local) =>
        local ? _session.IsLocalEnabled(option) : _session.IsRemoteEnabled(option);

    /// <summary>Turns ECHO on or off for this client (e.g. off while showing a prompt the client should echo).</summary>
    public Task SetEchoAsync(bool enable, CancellationToken cancellationToken)
    {
        _session.Request(TelnetOption.Echo, local: true, enable);
        return _session.FlushControlAsync(cancellationToken);
    }
}
