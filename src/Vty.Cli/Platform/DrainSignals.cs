using System.Runtime.InteropServices;

namespace Vty.Cli.Platform;

/// <summary>
/// SIGINT and SIGTERM for a command that finishes its work in flight before it exits: the first
/// signal cancels <see cref="Stopping"/> (take no new work) and, after the drain time,
/// <see cref="Abort"/> (cancel the work in flight); a second signal cancels <see cref="Abort"/> at once.
/// Program turns the command line library's own handling (exit two seconds after the signal) off for
/// such commands, or it would end the process mid-drain.
/// </summary>
internal sealed class DrainSignals : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort;
    private readonly TimeSpan _drainTime;
    private readonly Action<string> _note;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _signals;

    /// <param name="drainTime">Time the work in flight may take after the first signal.</param>
    /// <param name="note">Where the "stopping" line goes.</param>
    /// <param name="cancellationToken">Cancels <see cref="Abort"/> too (the caller's own token).</param>
    public DrainSignals(TimeSpan drainTime, Action<string> note, CancellationToken cancellationToken)
    {
        _drainTime = drainTime;
        _note = note;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal: start nothing new.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancelled when the drain time is up, by a second signal, or by the caller's token.</summary>
    public CancellationToken Abort => _abort.Token;

    /// <summary>True once a signal came.</summary>
    public bool Signalled => Volatile.Read(ref _signals) > 0;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            if (Interlocked.Increment(ref _signals) == 1)
            {
                _note($"{context.Signal}: finishing the work in flight (up to {_drainTime.TotalSeconds:0.#} s), then stopping; signal again to stop now");
                _stopping.Cancel();
                _abort.CancelAfter(_drainTime);
            }
            else
            {
                _note($"{context.Signal} again: stopping now");
                _abort.Cancel();
            }
        }
        catch (ObjectDisposedException)
        {
            // The command is already done.
        }
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _stopping.Dispose();
        _abort.Dispose();
    }
}
