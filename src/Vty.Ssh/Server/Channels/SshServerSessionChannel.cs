using Vty.Ssh.Connection;
using Vty.Ssh.Server.Connections;

namespace Vty.Ssh.Server.Channels;

/// <summary>
/// A "session" channel handed to <see cref="SshServerOptions.SessionHandler"/> (or a subsystem
/// handler) once the client asked for a shell, a command or a subsystem. Read the client's input
/// and write output through <see cref="Stream"/>, errors through <see cref="StandardError"/>,
/// and return the exit status from the handler: the server then sends exit-status, EOF and CLOSE.
/// </summary>
public sealed class SshServerSessionChannel
{
    private readonly SshChannel _channel;
    private readonly Dictionary<string, string> _environment;

    internal SshServerSessionChannel(SshChannel channel, SshServerConnectionInfo connection, SshSessionKind kind, string? command,
        string? subsystem, SshPtyRequest? pty, Dictionary<string, string> environment)
    {
        _channel = channel;
        Connection = connection;
        Kind = kind;
        Command = command;
        Subsystem = subsystem;
        Pty = pty;
        _environment = environment;
        Columns = pty?.Columns ?? 80;
        Rows = pty?.Rows ?? 24;
        // The server sends EOF and CLOSE when the handler returns, so disposing these streams does not.
        Stream = new SshChannelStream(channel, canRead: true, canWrite: true, eofOnDispose: false);
        StandardError = new SshChannelStream(channel, canRead: false, canWrite: true, writesStandardError: true, eofOnDispose: false);
    }

    /// <summary>Who is connected (user, address, client version).</summary>
    public SshServerConnectionInfo Connection { get; }

    /// <summary>Shell, exec or subsystem.</summary>
    public SshSessionKind Kind { get; }

    /// <summary>The command of an exec request, null otherwise.</summary>
    public string? Command { get; }

    /// <summary>The subsystem name of a subsystem request, null otherwise.</summary>
    public string? Subsystem { get; }

    /// <summary>The pty the client requested, or null when it asked for none (e.g. <c>ssh host cmd</c>).</summary>
    public SshPtyRequest? Pty { get; }

    /// <summary>Variables the client sent with "env" requests.</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>Current terminal width in characters (from pty-req, then window-change).</summary>
    public int Columns { get; private set; }

    /// <summary>Current terminal height in rows.</summary>
    public int Rows { get; private set; }

    /// <summary>Client input (read; 0 at the client's EOF) and standard output (write).</summary>
    public Stream Stream { get; }

    /// <summary>Standard error (write only; sent as extended data type 1).</summary>
    public Stream StandardError { get; }

    /// <summary>Cancelled when the client closes the channel or the connection ends.</summary>
    public CancellationToken Closed => _channel.Closing;

    /// <summary>The client resized its terminal: columns, rows.</summary>
    public event Action<int, int>? WindowChanged;

    /// <summary>The client sent a signal ("INT", "TERM", "HUP", …; RFC 4254 §6.9).</summary>
    public event Action<string>? SignalReceived;

    /// <summary>Sends EOF: no more output will follow (the handler may still return later).</summary>
    public ValueTask SendEofAsync(CancellationToken cancellationToken) => _channel.SendEofAsync(cancellationToken);

    internal SshChannel Channel => _channel;

    internal void OnWindowChange(int columns, int rows)
    {
        Columns = columns;
        Rows = rows;
        WindowChanged?.Invoke(columns, rows);
    }

    internal void OnSignal(string name) => SignalReceived?.Invoke(name);
}
