using System.Security.Cryptography;
using Vty.Protocols;
using Vty.Ssh;
using Vty.Ssh.FileTransfer;

namespace Vty.Devices;

public sealed partial class DeviceSession
{
    /// <summary>
    /// Netmiko's file_transfer flow: where the platform has a <see cref="DeviceFileDialect"/> (IOS-style
    /// flash, Linux), skips the copy when the device already has the file with the same hash, checks the
    /// free space, copies over a second SSH channel, then has the device hash the copy. Elsewhere it
    /// copies and, with <see cref="DeviceFileTransferRequest.Verify"/>, reads the file back over SFTP.
    /// Each step is reported.
    /// </summary>
    /// <exception cref="DeviceFileTransferException">Not enough space, the copy failed, or the hashes differ after the copy.</exception>
    public async Task<DeviceFileTransferReport> TransferFileAsync(DeviceFileTransferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        SshClient ssh = FileChannelClient();
        var local = new FileInfo(request.SourceFile);
        if (!local.Exists) throw new FileNotFoundException($"the file to send, {request.SourceFile}, does not exist", request.SourceFile);
        DeviceFileDialect? dialect = DeviceFileDialect.For(Driver);
        string name = request.DestinationFile ?? local.Name;
        string location = request.FileSystem ?? dialect?.DefaultLocation ?? "";
        string remote = dialect?.Combine(location, name) ?? PlainCombine(location, name);
        var steps = new FileTransferSteps(request.StepCompleted);

        DeviceFileHash hash = DeviceFileHash.Sha256;
        string localHash = "";
        if (dialect is not null)
        {
            hash = PickHash(dialect, request.Hash);
            await dialect.PrepareAsync(this, cancellationToken).ConfigureAwait(false);
            localHash = await LocalHashAsync(local.FullName, hash, steps, cancellationToken).ConfigureAwait(false);
            string? before = await steps.RunAsync(() => dialect.HashAsync(this, remote, hash, request.CommandTimeout, cancellationToken)).ConfigureAwait(false);
            if (before == localHash && !request.Overwrite)
            {
                steps.Add("check", $"{remote} is already there with {Name(hash)} {localHash}; nothing to copy");
                return new DeviceFileTransferReport(remote, Transferred: false, Verified: true, 0, localHash, Name(hash), steps.All);
            }
            steps.Add("check", before is null ? $"{remote} is not on the device" : $"{remote} differs ({Name(hash)} {before}, local {localHash})");

            long available = await steps.RunAsync(() => dialect.FreeBytesAsync(this, location, request.CommandTimeout, cancellationToken)).ConfigureAwait(false);
            string where = location.Length == 0 ? "the login directory" : location;
            if (available < local.Length)
                throw new DeviceFileTransferException($"not enough space on {where}: {local.Name} needs {local.Length} bytes, {available} are free; delete old files first", steps.All);
            steps.Add("space", $"{available} bytes free on {where}, {local.Length} needed");
        }

        FileTransferResult copied = await steps.RunAsync(() => SshFileTransfer.UploadAsync(ssh, local.FullName, remote, false,
            new FileTransferOptions { Progress = request.Progress, Preserve = request.Preserve }, request.Protocol, cancellationToken), $"copying {local.Name} to {remote} failed").ConfigureAwait(false);
        steps.Add("copy", $"{copied.Bytes} bytes sent to {remote} over {copied.Protocol}");

        if (!request.Verify) return new DeviceFileTransferReport(remote, Transferred: true, Verified: false, copied.Bytes, localHash, localHash.Length == 0 ? "" : Name(hash), steps.All);
        if (dialect is null)
        {
            localHash = await LocalHashAsync(local.FullName, DeviceFileHash.Sha256, steps, cancellationToken).ConfigureAwait(false);
            string readBack = await steps.RunAsync(() => ReadBackSha256Async(ssh, remote, cancellationToken)).ConfigureAwait(false);
            if (readBack != localHash)
                throw new DeviceFileTransferException($"{remote} read back over SFTP has SHA-256 {readBack}, the file sent has {localHash}: the copy is damaged; transfer it again", steps.All);
            steps.Add("verify", $"SHA-256 {localHash} matches {remote} read back over SFTP");
            return new DeviceFileTransferReport(remote, Transferred: true, Verified: true, copied.Bytes, localHash, "sha256", steps.All);
        }
        string? after = await steps.RunAsync(() => dialect.HashAsync(this, remote, hash, request.CommandTimeout, cancellationToken)).ConfigureAwait(false);
        if (after != localHash)
            throw new DeviceFileTransferException($"the {Name(hash)} of {remote} on the device is {after ?? "unknown (the file is not there)"}, the file sent has {localHash}: the copy is damaged; transfer it again", steps.All);
        steps.Add("verify", $"{Name(hash)} {localHash} matches on the device");
        return new DeviceFileTransferReport(remote, Transferred: true, Verified: true, copied.Bytes, localHash, Name(hash), steps.All);
    }

    /// <summary>
    /// Copies a file from the device over a second SSH channel (SFTP, else SCP) and, with
    /// <see cref="DeviceFileFetchRequest.Verify"/>, compares the local copy's hash with the device's
    /// (IOS-style flash, Linux) or with a second read over SFTP. Each step is reported.
    /// </summary>
    /// <exception cref="DeviceFileTransferException">The copy failed, or the hashes differ.</exception>
    public async Task<DeviceFileTransferReport> FetchFileAsync(DeviceFileFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        SshClient ssh = FileChannelClient();
        DeviceFileDialect? dialect = DeviceFileDialect.For(Driver);
        string remote = request.SourceFile;
        string target = Path.GetFullPath(request.DestinationFile);
        var steps = new FileTransferSteps(request.StepCompleted);

        long kept = request.Resume && File.Exists(target) ? new FileInfo(target).Length : 0;
        FileTransferResult copied = await steps.RunAsync(() => SshFileTransfer.DownloadAsync(ssh, remote, target, false,
            new FileTransferOptions { Progress = request.Progress, Preserve = request.Preserve, Resume = request.Resume }, request.Protocol, cancellationToken),
            $"copying {remote} to {target} failed").ConfigureAwait(false);
        steps.Add("copy", kept > 0
            ? $"{copied.Bytes - kept} bytes received from {remote} over {copied.Protocol}, resumed after the {kept} already here"
            : $"{copied.Bytes} bytes received from {remote} over {copied.Protocol}");
        if (!request.Verify) return new DeviceFileTransferReport(target, Transferred: true, Verified: false, copied.Bytes, "", "", steps.All);

        if (dialect is null)
        {
            string localSha = await LocalHashAsync(target, DeviceFileHash.Sha256, steps, cancellationToken).ConfigureAwait(false);
            string readBack = await steps.RunAsync(() => ReadBackSha256Async(ssh, remote, cancellationToken)).ConfigureAwait(false);
            if (readBack != localSha)
                throw new DeviceFileTransferException($"{remote} read again over SFTP has SHA-256 {readBack}, the copy has {localSha}: the file changed or the copy is damaged; fetch it again", steps.All);
            steps.Add("verify", $"SHA-256 {localSha} matches {remote} read again over SFTP");
            return new DeviceFileTransferReport(target, Transferred: true, Verified: true, copied.Bytes, localSha, "sha256", steps.All);
        }
        DeviceFileHash hash = PickHash(dialect, request.Hash);
        await dialect.PrepareAsync(this, cancellationToken).ConfigureAwait(false);
        string localHash = await LocalHashAsync(target, hash, steps, cancellationToken).ConfigureAwait(false);
        string? onDevice = await steps.RunAsync(() => dialect.HashAsync(this, remote, hash, request.CommandTimeout, cancellationToken)).ConfigureAwait(false);
        if (onDevice != localHash)
            throw new DeviceFileTransferException($"the {Name(hash)} of {remote} on the device is {onDevice ?? "unknown (the file is not there)"}, the copy has {localHash}: the file changed or the copy is damaged; fetch it again", steps.All);
        steps.Add("verify", $"{Name(hash)} {localHash} matches on the device");
        return new DeviceFileTransferReport(target, Transferred: true, Verified: true, copied.Bytes, localHash, Name(hash), steps.All);
    }

    private SshClient FileChannelClient() => Protocol is SshProtocol { Client: { } ssh }
        ? ssh
        : throw new DeviceOperationException($"file transfer needs an SSH connection to the device (SCP/SFTP run on a second channel), and {Protocol.GetType().Name.Replace("Protocol", "", StringComparison.Ordinal)} has none; connect with ssh://");

    private DeviceFileHash PickHash(DeviceFileDialect dialect, DeviceFileHash? wanted)
    {
        if (wanted is not { } hash) return dialect.Hashes[0];
        return dialect.Hashes.Contains(hash)
            ? hash
            : throw new DeviceOperationException($"{Driver.Name} devices cannot compute {Name(hash)}; they have {string.Join(", ", dialect.Hashes.Select(Name))}");
    }

    private static string PlainCombine(string location, string name) =>
        location.Length == 0 ? name : location.EndsWith('/') || location.EndsWith(':') ? location + name : $"{location}/{name}";

    private static string Name(DeviceFileHash hash) => hash == DeviceFileHash.Md5 ? "md5" : "sha256";

    private static async Task<string> LocalHashAsync(string path, DeviceFileHash hash, FileTransferSteps steps, CancellationToken ct)
    {
        try
        {
            await using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            byte[] digest = hash == DeviceFileHash.Md5
                ? await MD5.HashDataAsync(file, ct).ConfigureAwait(false)
                : await SHA256.HashDataAsync(file, ct).ConfigureAwait(false);
            return Convert.ToHexStringLower(digest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeviceFileTransferException($"cannot read the local file {path}: {e.Message}", steps.All, e);
        }
    }

    /// <summary>The SHA-256 of a remote file read over a fresh SFTP session (for platforms without a hash command).</summary>
    private async Task<string> ReadBackSha256Async(SshClient ssh, string remote, CancellationToken ct)
    {
        try
        {
            return await SshFileTransfer.RemoteSha256Async(ssh, remote, ct).ConfigureAwait(false);
        }
        catch (FileTransferUnavailableException e)
        {
            throw new DeviceOperationException($"cannot verify {remote}: Vty knows no hash command for {Driver.Name} devices and the server has no SFTP to read the file back; copy without verifying", e);
        }
    }
}
