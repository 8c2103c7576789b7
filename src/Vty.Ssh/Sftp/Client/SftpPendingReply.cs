using System.Threading.Tasks.Sources;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Sftp.Client;

/// <summary>
/// The wait for one SFTP reply: a pooled, resettable completion source awaited as a ValueTask, so a
/// request costs no Task, no timer and no lock of its own. Exactly one party completes it: the
/// one that claims it first (the read loop with the reply, the timeout sweep, a session failure,
/// or the caller's cancellation).
/// </summary>
internal sealed class SftpPendingReply : IValueTaskSource<SftpFrame>
{
    private ManualResetValueTaskSourceCore<SftpFrame> _core;
    private CancellationTokenRegistration _cancellation;
    private SftpSession? _session;
    private int _claimed;

    public uint Id { get; private set; }

    public string Operation { get; private set; } = "";

    /// <summary><see cref="Environment.TickCount64"/> after which the timeout sweep gives up on the reply.</summary>
    public long Deadline { get; private set; }

    public ValueTask<SftpFrame> Task => new(this, _core.Version);

    /// <summary>
    /// Readies the reply for request <paramref name="id"/>. With <paramref name="inline"/> the
    /// awaiting code runs on the thread that completes the reply (the session's read loop): for the
    /// bulk transfers, which only queue work and await again, that saves a thread-pool hop per reply.
    /// </summary>
    public void Start(SftpSession session, uint id, string operation, long deadline, bool inline)
    {
        _session = session;
        Id = id;
        Operation = operation;
        Deadline = deadline;
        _claimed = 0;
        _core.RunContinuationsAsynchronously = !inline;
    }

    /// <summary>Fails the reply when <paramref name="ct"/> is cancelled (at once if it already is); call once it is registered.</summary>
    public void WatchCancellation(CancellationToken ct)
    {
        if (ct.CanBeCanceled)
            _cancellation = ct.UnsafeRegister(static (state, token) => ((SftpPendingReply)state!).OnCancelled(token), this);
    }

    /// <summary>Takes the right to complete this reply; false when another party already has.</summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    /// <summary>Completes a claimed reply.</summary>
    public void Complete(SftpFrame frame) => _core.SetResult(frame);

    /// <summary>Fails a claimed reply.</summary>
    public void Fail(Exception error) => _core.SetException(error);

    private void OnCancelled(CancellationToken token)
    {
        if (!TryClaim()) return;
        _session?.Forget(this);
        _core.SetException(new OperationCanceledException(token));
    }

    public SftpFrame GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            // A cancellation callback that ran (or is running) may still touch this object: only
            // a reply whose registration is surely gone goes back to the pool.
            bool reusable = _cancellation.Token.CanBeCanceled ? _cancellation.Unregister() : true;
            _cancellation = default;
            SftpSession? session = _session;
            _session = null;
            _core.Reset();
            if (reusable) session?.Recycle(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
