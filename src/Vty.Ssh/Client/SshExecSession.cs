using Vty.Ssh.Connection;

namespace Vty.Ssh;

/// <summary>
/// A running remote command (or subsystem) with streaming stdin, stdout and stderr. Read both
/// output streams (or dispose the session): unread output holds the channel window closed and
/// the remote command waits, by design, rather than buffering without bound.
/// </summary>
public sealed class SshExecSession : IAsyncDisposable
{
    internal SshExecSession(SshChannel channel)
    {
        Channel = channel;
        StandardInput = new SshChannelStream(channel, canRead: false, canWrite: true);
        StandardOutput = new SshChannelStream(channel, canRead: true, canWrite: false);
        StandardError = new SshChannelStream(channel, canRead: true, canWrite: false, readsStandardError: true);
    }

    /// <summary>The underlying channel.</summary>
    public SshChannel Channel { get; }

    /// <summary>Writes go to the command's stdin; dispose it (or call <see cref="CloseInputAsync"/>) to send EOF.</summary>
    public Stream StandardInput { get; }

    public Stream StandardOutput { get; }

    public Stream StandardError { get; }

    /// <summary>Exit status, once the command ended with one.</summary>
    public int? ExitStatus => Channel.ExitStatus;

    /// <summary>Signal name (e.g. "TERM"), when the command was killed by one.</summary>
    public string? ExitSignal => Channel.ExitSignal;

    /// <summary>Sends EOF on stdin.</summary>
    public ValueTask CloseInputAsync(CancellationToken ct) => Channel.SendEofAsync(ct);

    /// <summary>Waits until the server closes the channel (after the command exited) and returns the exit status.</summary>
    public async Task<int?> WaitForExitAsync(CancellationToken ct)
    {
        await Channel.Closed.WaitAsync(ct);
        return Channel.ExitStatus;
    }

    public ValueTask DisposeAsync() => Channel.DisposeAsync();
}
