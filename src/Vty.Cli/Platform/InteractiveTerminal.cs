using Microsoft.Win32.SafeHandles;
using Vty.Protocols;

namespace Vty.Cli.Platform;

/// <summary>
/// Hands a logged-in session to the terminal vty runs on: raw mode through termios (keys go to the
/// device as typed, so Tab, <c>?</c> and Ctrl-C work and only the device echoes), keys read straight
/// from file descriptor 0 (not through .NET's line-editing console reader), device output written
/// straight to standard output, window size changes forwarded (SSH window-change, Telnet NAWS), and
/// the terminal restored however the session ends.
/// </summary>
internal static class InteractiveTerminal
{
    // DECCKM reset (normal cursor keys) and DECKPNM (numeric keypad).
    private static readonly byte[] NormalCursorKeys = "\e[?1l\e>"u8.ToArray();

    /// <summary>True when standard input is a terminal this class can drive.</summary>
    public static bool IsAvailable => Termios.IsTerminal(0);

    /// <summary>
    /// Runs the interaction until Ctrl-], the device closing, a terminating signal or
    /// <paramref name="cancellationToken"/>; the terminal is raw only in between.
    /// </summary>
    /// <exception cref="OperationCanceledException">A signal or the token ended the session.</exception>
    public static async Task RunAsync(Protocol protocol, TextWriter diagnostics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Reads of a terminal cannot be cancelled; the read still pending when the session ends dies with the process.
        using var keys = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        using Stream screen = Console.OpenStandardOutput();
        using RawTerminal? raw = RawTerminal.Enter(session.Cancel);
        await using WindowSizeWatcher? watcher = WindowSizeWatcher.Start(
            protocol.ResizeAsync,
            e => diagnostics.Write($"vty: the window size could not be sent: {e.Message}\r\n"),
            session.Token);

        // .NET's console start-up switches the terminal's cursor keys to application mode
        // (ESC O A); devices expect the normal mode (ESC [ A) unless they ask otherwise themselves.
        if (raw is not null)
            await screen.WriteAsync(NormalCursorKeys, session.Token).ConfigureAwait(false);

        // Show the prompt again: login consumed it.
        await protocol.SendAsync(protocol.LineEnding, session.Token).ConfigureAwait(false);
        var options = new InteractOptions { WindowSize = WindowSizeWatcher.Current() };
        await protocol.InteractAsync(keys, screen, options, session.Token).ConfigureAwait(false);
        session.Token.ThrowIfCancellationRequested();
    }
}
