using Vty.Ssh.Connection;

namespace Vty.Ssh;

/// <summary>
/// An interactive shell on a pseudo-terminal. <see cref="Stream"/> carries the terminal's bytes
/// both ways (with a pty, stderr is merged by the server); this is what device sessions drive.
/// </summary>
public sealed class SshShell : IAsyncDisposable
{
    internal SshShell(SshChannel channel)
    {
        Channel = channel;
        Stream = new SshChannelStream(channel, canRead: true, canWrite: true);
    }

    /// <summary>The underlying channel.</summary>
    public SshChannel Channel { get; }

    /// <summary>Terminal output (reads) and keyboard input (writes).</summary>
    public Stream Stream { get; }

    /// <summary>The shell's exit status once it has exited.</summary>
    public int? ExitStatus => Channel.ExitStatus;

    /// <summary>Completes when the server closes the shell's channel.</summary>
    public Task Closed => Channel.Closed;

    /// <summary>Tells the server the terminal's new size (window-change, RFC 4254 §6.7).</summary>
    public async Task ResizeAsync(int cols, int rows, CancellationToken ct)
    {
        await Channel.SendRequestAsync("window-change", false, w =>
        {
            w.WriteUInt32((uint)cols);
            w.WriteUInt32((uint)rows);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
        }, ct);
    }

    public ValueTask DisposeAsync() => Channel.DisposeAsync();
}
