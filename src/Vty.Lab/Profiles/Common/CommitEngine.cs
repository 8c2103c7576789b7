namespace Vty.Lab.Profiles.Common;

/// <summary>
/// Candidate/commit semantics shared by Junos and IOS-XR: commit copies the candidate to the
/// running configuration and records it; <c>commit confirmed</c> rolls back by itself unless a
/// second commit confirms it in time (a timer per pending confirmation, no thread).
/// </summary>
internal static class CommitEngine
{
    /// <summary>True when the candidate differs from the running configuration.</summary>
    public static bool HasChanges(LabDeviceState state) =>
        state.Candidate is { } c && !c.SameAs(state.Running);

    /// <summary>Applies the candidate. Returns false when there was nothing to commit and nothing to confirm.</summary>
    public static bool Commit(LabDeviceState state, string user, string? comment, TimeSpan? confirmWithin, Action<LabDeviceState>? afterApply)
    {
        bool confirming = state.PendingConfirm is not null;
        if (state.PendingConfirm is { } pending)
        {
            pending.Cancel();
            pending.Dispose();
            state.PendingConfirm = null;
        }
        if (!HasChanges(state) && !confirming && confirmWithin is null)
            return false;
        ConfigNode previous = state.Running;
        if (state.Candidate is { } candidate)
        {
            state.Rollbacks.Add(previous);
            if (state.Rollbacks.Count > 50)
                state.Rollbacks.RemoveAt(0);
            state.Running = candidate.Clone();
        }
        state.Commits.Add(new LabCommit(state.Commits.Count + 1, user, state.Now, comment, confirmWithin is not null));
        if (!previous.SameAs(state.Running))
            state.MarkChanged();
        afterApply?.Invoke(state);
        if (confirmWithin is { } within)
            ScheduleRollback(state, previous, within * state.Options.ConfirmTimeScale, afterApply);
        return true;
    }

    /// <summary>Throws the candidate away (it becomes a copy of the running configuration on the next change).</summary>
    public static void Discard(LabDeviceState state) => state.Candidate = null;

    /// <summary>Loads the configuration from <paramref name="back"/> commits ago (0 = running) into the candidate.</summary>
    public static bool LoadRollback(LabDeviceState state, int back)
    {
        if (back == 0)
        {
            state.Candidate = state.Running.Clone();
            return true;
        }
        int index = state.Rollbacks.Count - back;
        if (index < 0)
            return false;
        state.Candidate = state.Rollbacks[index].Clone();
        return true;
    }

    private static void ScheduleRollback(LabDeviceState state, ConfigNode previous, TimeSpan within, Action<LabDeviceState>? afterApply)
    {
        var cts = new CancellationTokenSource();
        state.PendingConfirm = cts;
        _ = Task.Delay(within, cts.Token).ContinueWith(t =>
        {
            if (t.IsCanceled)
                return;
            lock (state.Sync)
            {
                if (state.PendingConfirm != cts)
                    return;
                state.PendingConfirm = null;
                state.Rollbacks.Add(state.Running);
                state.Running = previous.Clone();
                state.Candidate = null;
                state.Commits.Add(new LabCommit(state.Commits.Count + 1, "root", state.Now, "automatic rollback: commit confirmed timed out", false));
                state.MarkChanged();
                afterApply?.Invoke(state);
            }
            cts.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
