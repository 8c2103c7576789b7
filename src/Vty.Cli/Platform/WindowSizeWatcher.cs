using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Vty.Cli.Platform;

/// <summary>
/// Forwards terminal size changes (SIGWINCH) to a session: each change is read from the terminal
/// and handed to the callback in order, the latest size winning when changes come faster than
/// the device is told. The callback runs off the signal thread.
/// </summary>
internal sealed class WindowSizeWatcher : IAsyncDisposable
{
    private const int StandardOutput = 1;
    private const int StandardInput = 0;

    private readonly Channel<(int Columns, int Rows)> _sizes = Channel.CreateBounded<(int, int)>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly PosixSignalRegistration _registration;
    private readonly Task _pump;

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private WindowSizeWatcher(Func<int, int, CancellationToken, Task> resize, Action<Exception> failed, CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ =>
        {
            if (Current() is { } size)
                _sizes.Writer.TryWrite(size);
        });
        _pump = PumpAsync(resize, failed, cancellationToken);
    }

    /// <summary>The terminal's size now (standard output's, else standard input's), or null.</summary>
    public static (int Columns, int Rows)? Current() =>
        Termios.GetWindowSize(StandardOutput) ?? Termios.GetWindowSize(StandardInput);

    /// <summary>Starts watching; null on systems without SIGWINCH (Windows).</summary>
    public static WindowSizeWatcher? Start(Func<int, int, CancellationToken, Task> resize, Action<Exception> failed, CancellationToken cancellationToken)
    {
        return OperatingSystem.IsWindows() ? null : new WindowSizeWatcher(resize, failed, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _registration.Dispose();
        _sizes.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync(Func<int, int, CancellationToken, Task> resize, Action<Exception> failed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach ((int columns, int rows) in _sizes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await resize(columns, rows, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A size the device could not be told is not worth ending the session over.
                    failed(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
