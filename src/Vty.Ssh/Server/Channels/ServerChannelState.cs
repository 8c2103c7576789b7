using Vty.Ssh.Connection;

namespace Vty.Ssh.Server.Channels;

/// <summary>What the server keeps per open channel: the channel and, for sessions, what the client asked for so far.</summary>
internal sealed class ServerChannelState(SshChannel channel)
{
    public SshChannel Channel { get; } = channel;

    /// <summary>From pty-req (and window-change before the start); null when no pty was asked for.</summary>
    public SshPtyRequest? Pty { get; set; }

    /// <summary>From env requests.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Set once shell, exec or subsystem started the handler.</summary>
    public SshServerSessionChannel? Session { get; set; }

    /// <summary>The handler, started by the dispatch loop right after the request's reply went out.</summary>
    public Func<Task>? PendingStart { get; set; }
}
