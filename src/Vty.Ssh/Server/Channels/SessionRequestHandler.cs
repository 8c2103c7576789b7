using Microsoft.Extensions.Logging;
using Vty.Ssh.Connection;
using Vty.Ssh.Server.Connections;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Server.Channels;

/// <summary>
/// The requests of a "session" channel (RFC 4254 §6): pty-req and env before the start; shell,
/// exec or subsystem to start the application's handler; window-change and signal while it runs.
/// When the handler returns, its exit status is reported and the channel is closed.
/// </summary>
internal sealed class SessionRequestHandler(SshServerOptions options, SshServerConnectionInfo info, ILogger logger)
{
    private const int MaxEnvironmentVariables = 64;

    /// <summary>Applies one request to the channel; false means "refused" (CHANNEL_FAILURE when a reply is wanted).</summary>
    public bool Handle(ServerChannelState state, string request, ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        switch (request)
        {
            case "pty-req" when state.Session is null:
                {
                    string term = reader.ReadString();
                    uint cols = reader.ReadUInt32(), rows = reader.ReadUInt32(), width = reader.ReadUInt32(), height = reader.ReadUInt32();
                    byte[] modes = reader.ReadStringBytes().ToArray();
                    state.Pty = new SshPtyRequest(term, (int)Math.Min(cols, 10_000), (int)Math.Min(rows, 10_000), (int)Math.Min(width, 100_000), (int)Math.Min(height, 100_000), modes);
                    return true;
                }
            case "env" when state.Session is null:
                {
                    string name = reader.ReadString();
                    string value = reader.ReadString();
                    if (state.Environment.Count >= MaxEnvironmentVariables && !state.Environment.ContainsKey(name))
                        return false;
                    state.Environment[name] = value;
                    return true;
                }
            case "shell" when state.Session is null:
                return Start(state, SshSessionKind.Shell, null, null, options.SessionHandler);
            case "exec" when state.Session is null:
                return Start(state, SshSessionKind.Exec, reader.ReadString(), null, options.SessionHandler);
            case "subsystem" when state.Session is null:
                {
                    string name = reader.ReadString();
                    options.Subsystems.TryGetValue(name, out var handler);
                    if (handler is null) logger.LogInformation("subsystem {Name} requested by {Remote} is not available", name, info.RemoteEndPoint);
                    return Start(state, SshSessionKind.Subsystem, null, name, handler);
                }
            case "window-change":
                {
                    uint cols = reader.ReadUInt32(), rows = reader.ReadUInt32();
                    int c = (int)Math.Min(cols, 10_000), r = (int)Math.Min(rows, 10_000);
                    if (state.Session is not null) state.Session.OnWindowChange(c, r);
                    else if (state.Pty is not null) state.Pty = state.Pty with { Columns = c, Rows = r };
                    return true;
                }
            case "signal":
                state.Session?.OnSignal(reader.ReadString());
                return true;
            default:
                return false;
        }
    }

    private bool Start(ServerChannelState state, SshSessionKind kind, string? command, string? subsystem,
        Func<SshServerSessionChannel, CancellationToken, Task<int>>? handler)
    {
        if (handler is null) return false;
        var session = new SshServerSessionChannel(state.Channel, info, kind, command, subsystem, state.Pty, state.Environment);
        state.Session = session;
        logger.LogDebug("{User} started {Kind} on channel {Channel}", info.User, kind, state.Channel.LocalId);
        // The handler runs on its own task so a slow handler never stalls the read loop.
        state.PendingStart = () => RunHandlerAsync(session, handler);
        return true;
    }

    private async Task RunHandlerAsync(SshServerSessionChannel session, Func<SshServerSessionChannel, CancellationToken, Task<int>> handler)
    {
        SshChannel channel = session.Channel;
        int status;
        try
        {
            status = await handler(session, channel.Closing).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (channel.Closing.IsCancellationRequested)
        {
            return; // the client went away; nothing left to report
        }
        catch (Exception ex) when (ex is SshChannelClosedException or SshDisconnectedException)
        {
            return; // the handler hung up on purpose, or the connection is gone
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "session handler for {User} ({Kind}) failed", info.User, session.Kind);
            status = 255;
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await channel.SendRequestAsync("exit-status", false, w => w.WriteUInt32((uint)status), timeout.Token).ConfigureAwait(false);
            await channel.SendEofAsync(timeout.Token).ConfigureAwait(false);
            await channel.SendCloseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SshException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogDebug("could not report exit status {Status} to {User}: {Error}", status, info.User, ex.Message);
        }
    }
}
