using Vty.Inventory;

namespace Vty.Fleet;

/// <summary>
/// Hears about hosts as a run progresses (progress bars, result writers). Calls are serialised by
/// the runner, so implementations need no locking of their own.
/// </summary>
public interface IFleetObserver
{
    /// <summary>A host's first attempt is starting.</summary>
    void HostStarted(InventoryHost host) { }

    /// <summary>A host is finished (ok, failed or cancelled); called exactly once per started host.</summary>
    ValueTask HostFinishedAsync(HostResult result, CancellationToken cancellationToken);

    /// <summary>
    /// The run was stopped before this host started (<see cref="FailureKind.NotStarted"/>); called
    /// once per such host after every started host finished. Result writers record it so a reader
    /// sees every selected host; the default ignores it.
    /// </summary>
    ValueTask HostNotStartedAsync(HostResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
