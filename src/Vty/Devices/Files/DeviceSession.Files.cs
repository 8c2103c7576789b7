using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Vty.Protocols;
using Vty.Ssh;
using Vty.Ssh.FileTransfer;

namespace Vty.Devices;

public sealed partial class DeviceSession
{
    private static readonly Regex BytesFree = new(@"(\d+)\s+bytes\s+free", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Md5Answer = new(@"=\s*([0-9a-fA-F]{32})\b", RegexOptions.CultureInvariant);

    /// <summary>
    /// Netmiko's file_transfer flow on an IOS-style device (dir / verify /md5): skips the copy when the
    /// device already has the file with the same MD5, checks the free space, copies over a second SSH
    /// channel (SCP by default), then verifies the MD5 on the device. Each step is reported.
    /// </summary>
    /// <exception cref="DeviceFileTransferException">Not enough space, or the MD5 on the device differs after the copy.</exception>
    public async Task<DeviceFileTransferReport> TransferFileAsync(DeviceFileTransferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Protocol is not SshProtocol { Client: { } ssh })
            throw new DeviceOperationException("file transfer needs an SSH connection to the device (SCP/SFTP run on a second channel); connect with ssh://");
        var local = new FileInfo(request.SourceFile);
        if (!local.Exists) throw new FileNotFoundException($"the file to send, {request.SourceFile}, does not exist", request.SourceFile);
        string name = request.DestinationFile ?? local.Name;
        string remote = request.FileSystem.EndsWith(':') ? $"{request.FileSystem}/{name}" : $"{request.FileSystem.TrimEnd('/')}/{name}";
        var steps = new List<DeviceFileTransferStep>();
        void Step(string step, string detail)
        {
            var s = new DeviceFileTransferStep(step, detail);
            steps.Add(s);
            request.StepCompleted?.Invoke(s);
        }

        string md5;
        await using (FileStream file = File.OpenRead(local.FullName))
            md5 = Convert.ToHexStringLower(await MD5.HashDataAsync(file, cancellationToken).ConfigureAwait(false));

        string? before = await RemoteMd5Async(remote, request, cancellationToken).ConfigureAwait(false);
        if (before == md5 && !request.Overwrite)
        {
            Step("check", $"{remote} is already there with MD5 {md5}; nothing to copy");
            return new DeviceFileTransferReport(remote, Transferred: false, Verified: true, 0, md5, steps);
        }
        Step("check", before is null ? $"{remote} is not on the device" : $"{remote} differs (MD5 {before}, local {md5})");

        string dir = await SendCommandAsync($"dir {request.FileSystem}", readTimeout: request.CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        Match free = BytesFree.Match(dir);
        if (!free.Success)
            throw new DeviceFileTransferException($"'dir {request.FileSystem}' did not say how many bytes are free (got: {Tail(dir)}); is {request.FileSystem} the right file system?", steps);
        long available = long.Parse(free.Groups[1].Value, CultureInfo.InvariantCulture);
        if (available < local.Length)
            throw new DeviceFileTransferException($"not enough space on {request.FileSystem}: {local.Name} needs {local.Length} bytes, {available} are free; delete old files first", steps);
        Step("space", $"{available} bytes free on {request.FileSystem}, {local.Length} needed");

        FileTransferResult copied;
        try
        {
            copied = await SshFileTransfer.UploadAsync(ssh, local.FullName, remote, false,
                new FileTransferOptions { Progress = request.Progress }, request.Protocol, cancellationToken).ConfigureAwait(false);
        }
        catch (SshException e)
        {
            throw new DeviceFileTransferException($"copying {local.Name} to {remote} failed: {e.Message}", steps, e);
        }
        Step("copy", $"{copied.Bytes} bytes sent to {remote} over {copied.Protocol}");

        if (!request.Verify) return new DeviceFileTransferReport(remote, Transferred: true, Verified: false, copied.Bytes, md5, steps);
        string? after = await RemoteMd5Async(remote, request, cancellationToken).ConfigureAwait(false);
        if (after != md5)
            throw new DeviceFileTransferException($"the MD5 of {remote} on the device is {after ?? "unknown"}, the file sent has {md5}: the copy is damaged; transfer it again", steps);
        Step("verify", $"MD5 {md5} matches on the device");
        return new DeviceFileTransferReport(remote, Transferred: true, Verified: true, copied.Bytes, md5, steps);
    }

    /// <summary>The device's MD5 of a file (verify /md5), or null when the file is not there.</summary>
    private async Task<string?> RemoteMd5Async(string remote, DeviceFileTransferRequest request, CancellationToken ct)
    {
        string answer;
        try
        {
            answer = await SendCommandAsync($"verify /md5 {remote}", readTimeout: request.CommandTimeout, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (CommandErrorException e) when (e.Message.Contains("No such file", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Error opening", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        Match m = Md5Answer.Match(answer);
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : null;
    }

    private static string Tail(string text) => text.Length > 200 ? "…" + text[^200..] : text;
}
