using Spectre.Console;
using Vty.Fleet;
using Vty.Inventory;

namespace Vty.Cli.Output;

/// <summary>
/// A live progress bar over a fleet run (hosts done / total, failures counted in the label),
/// shown only on a terminal; elsewhere the run simply happens.
/// </summary>
internal static class FleetProgressDisplay
{
    public static async Task<FleetReport> RunAsync(
        IAnsiConsole console, bool show, int hostCount, string label, Func<IFleetObserver?, Task<FleetReport>> run)
    {
        if (!show)
            return await run(null).ConfigureAwait(false);

        FleetReport? report = null;
        await console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape(label), maxValue: Math.Max(1, hostCount));
                report = await run(new Observer(task, label)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return report!;
    }

    private sealed class Observer(ProgressTask task, string label) : IFleetObserver
    {
        private int _done;
        private int _failed;

        public void HostStarted(InventoryHost host) { }

        public ValueTask HostFinishedAsync(HostResult result, CancellationToken cancellationToken)
        {
            _done++;
            if (!result.Ok) _failed++;
            task.Increment(1);
            task.Description = Markup.Escape($"{label} {_done}/{task.MaxValue:0}") + (_failed > 0 ? $" [red]{_failed} failed[/]" : "");
            return ValueTask.CompletedTask;
        }
    }
}
