using Vty.Ssh.FileTransfer;

namespace Vty.Devices;

public sealed partial class DeviceSession
{
    /// <summary>Copies a local directory tree to the device over a second SSH channel (SFTP, else SCP); one "copy" step.</summary>
    /// <exception cref="DirectoryNotFoundException">The local directory does not exist.</exception>
    /// <exception cref="DeviceFileTransferException">The copy failed on the device's side.</exception>
    public async Task<DeviceFileTransferReport> TransferDirectoryAsync(DeviceDirectoryCopyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ssh = FileChannelClient();
        string local = Path.GetFullPath(request.Source);
        if (!Directory.Exists(local)) throw new DirectoryNotFoundException($"the folder to send, {request.Source}, does not exist");
        var steps = new FileTransferSteps(request.StepCompleted);
        FileTransferResult copied = await steps.RunAsync(() => SshFileTransfer.UploadAsync(ssh, local, request.Destination, recursive: true,
            new FileTransferOptions { Progress = request.Progress, Preserve = request.Preserve }, request.Protocol, cancellationToken),
            $"copying the folder {request.Source} to {request.Destination} failed").ConfigureAwait(false);
        steps.Add("copy", $"{copied.Bytes} bytes of the folder {Path.GetFileName(local)} sent to {copied.Destination} over {copied.Protocol}");
        return new DeviceFileTransferReport(copied.Destination, Transferred: true, Verified: false, copied.Bytes, "", "", steps.All);
    }

    /// <summary>Copies a directory tree from the device into a local folder over a second SSH channel (SFTP, else SCP); one "copy" step.</summary>
    /// <exception cref="DeviceFileTransferException">The copy failed on the device's side (no such directory, …).</exception>
    public async Task<DeviceFileTransferReport> FetchDirectoryAsync(DeviceDirectoryCopyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ssh = FileChannelClient();
        string target = Path.GetFullPath(request.Destination);
        var steps = new FileTransferSteps(request.StepCompleted);
        FileTransferResult copied = await steps.RunAsync(() => SshFileTransfer.DownloadAsync(ssh, request.Source, target, recursive: true,
            new FileTransferOptions { Progress = request.Progress, Preserve = request.Preserve, Resume = request.Resume }, request.Protocol, cancellationToken),
            $"copying the folder {request.Source} to {target} failed").ConfigureAwait(false);
        steps.Add("copy", $"{copied.Bytes} bytes of {request.Source} received into {copied.Destination} over {copied.Protocol}");
        return new DeviceFileTransferReport(copied.Destination, Transferred: true, Verified: false, copied.Bytes, "", "", steps.All);
    }
}
