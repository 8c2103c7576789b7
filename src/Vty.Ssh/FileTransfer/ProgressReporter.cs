namespace Vty.Ssh.FileTransfer;

/// <summary>Throttles progress callbacks to one per <see cref="FileTransferOptions.ProgressInterval"/> bytes.</summary>
internal sealed class ProgressReporter(FileTransferOptions options, string path, long? total)
{
    private long _lastReported = -1;

    public void Report(long done, bool final = false)
    {
        if (options.Progress is not { } progress) return;
        if (!final && done - _lastReported < options.ProgressInterval && _lastReported >= 0) return;
        if (final && done == _lastReported) return;
        _lastReported = done;
        progress(new FileTransferProgress(path, done, total));
    }
}
