using System.Runtime.InteropServices;

namespace Vty.Cli.Platform;

/// <summary>
/// The controlling terminal in raw mode for an interactive session: every key goes to the device
/// as typed (no local echo or line editing, Ctrl-C and Tab included), and the saved state comes back
/// on every way out — dispose (also after an exception), SIGTERM, SIGHUP, SIGQUIT and process exit.
/// </summary>
internal sealed class RawTerminal : IDisposable
{
    private const int StandardInput = 0;

    private readonly byte[] _saved;
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _restored;

    private RawTerminal(byte[] saved) => _saved = saved;

    /// <summary>
    /// Puts standard input's terminal in raw mode; null when standard input is no terminal.
    /// <paramref name="onSignal"/> runs (after the terminal is restored) when a signal asks the
    /// process to end, so the caller can close its session.
    /// </summary>
    /// <exception cref="IOException">The terminal refused the raw settings.</exception>
    public static RawTerminal? Enter(Action onSignal)
    {
        ArgumentNullException.ThrowIfNull(onSignal);
        if (!Termios.IsTerminal(StandardInput) || Termios.GetState(StandardInput) is not { } saved)
            return null;
        var terminal = new RawTerminal(saved);
        AppDomain.CurrentDomain.ProcessExit += terminal.OnProcessExit;
        foreach (PosixSignal signal in (PosixSignal[])[PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT])
        {
            terminal._signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                terminal.Restore();
                context.Cancel = true; // the session ends through the caller's own path, which prints and exits
                onSignal();
            }));
        }

        if (!Termios.SetState(StandardInput, Termios.MakeRaw(saved)))
        {
            terminal.Dispose();
            throw new IOException($"The terminal refused raw mode (error {Marshal.GetLastPInvokeError()}); vty shell needs a terminal it can put in raw mode.");
        }

        return terminal;
    }

    /// <summary>Puts the saved terminal state back (once; later calls do nothing).</summary>
    public void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 0)
            Termios.SetState(StandardInput, _saved);
    }

    public void Dispose()
    {
        Restore();
        foreach (PosixSignalRegistration registration in _signals)
            registration.Dispose();
        _signals.Clear();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e) => Restore();
}
