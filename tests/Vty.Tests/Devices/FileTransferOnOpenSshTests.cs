using System.Security.Cryptography;
using Vty.Devices;
using Vty.Protocols;
using Vty.Ssh.FileTransfer;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Tests.Devices;

/// <summary>
/// The device file transfer flow's Linux variant (sha256sum / md5sum and df -P in the login shell,
/// the copy on a second channel) against a real OpenSSH sshd with internal-sftp and the real coreutils.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileTransferOnOpenSshTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static TempDirectory SharedDirectory()
    {
        var dir = new TempDirectory("vty-devfiles-linux");
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0x1FF); // the test user writes here
        return dir;
    }

    private static async Task<DeviceSession> ConnectAsync(OpenSshServer sshd, TempDirectory dir)
    {
        var options = new ProtocolOptions { ConfigureSsh = o => o.KnownHostsPath = dir.File("known_hosts") };
        Protocol conn = await Protocol.ConnectAsync($"ssh://{SshTestUser.Name}:{SshTestUser.Password}@127.0.0.1:{sshd.Port}", options).WaitAsync(Limit);
        return new DeviceSession(conn);
    }

    [Fact]
    public async Task CopiesChecksSpaceVerifiesSkipsAndFetchesOnLinux()
    {
        await using OpenSshServer sshd = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["Subsystem"] = "sftp internal-sftp" });
        using TempDirectory shared = SharedDirectory();
        byte[] content = new byte[300_000];
        new Random(5).NextBytes(content);
        string local = shared.File("image it's.bin");   // a quote and a space: the shell commands must quote the path
        await File.WriteAllBytesAsync(local, content);
        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        string md5 = Convert.ToHexStringLower(MD5.HashData(content));
        string remoteDir = shared.File("remote");
        Directory.CreateDirectory(remoteDir);
        File.SetUnixFileMode(remoteDir, (UnixFileMode)0x1FF);

        await using DeviceSession device = await ConnectAsync(sshd, shared);
        Assert.Equal("shell", device.Driver.Name);
        Assert.Same(DeviceFileDialect.LinuxShell, DeviceFileDialect.For(device.Driver));

        var seen = new List<string>();
        DeviceFileTransferReport first = await device.TransferFileAsync(new DeviceFileTransferRequest
        {
            SourceFile = local, FileSystem = remoteDir, Protocol = FileTransferProtocol.Auto, StepCompleted = s => seen.Add(s.Name),
        }).WaitAsync(Limit);
        Assert.Equal(["check", "space", "copy", "verify"], seen);
        Assert.True(first.Transferred && first.Verified);
        Assert.Equal(("sha256", sha), (first.HashAlgorithm, first.Hash));
        Assert.Contains("is not on the device", first.Steps[0].Detail);
        Assert.Matches(@"^\d+ bytes free on .*, 300000 needed$", first.Steps[1].Detail);
        Assert.Contains("over Sftp", first.Steps[2].Detail);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(remoteDir, "image it's.bin")));

        DeviceFileTransferReport second = await device.TransferFileAsync(new DeviceFileTransferRequest { SourceFile = local, FileSystem = remoteDir }).WaitAsync(Limit);
        Assert.False(second.Transferred);
        Assert.Contains("nothing to copy", Assert.Single(second.Steps).Detail);

        // MD5 (Netmiko's hash) over SCP, replacing the file even though it matches.
        DeviceFileTransferReport byScp = await device.TransferFileAsync(new DeviceFileTransferRequest
        {
            SourceFile = local, FileSystem = remoteDir + "/", DestinationFile = "copy.bin", Hash = DeviceFileHash.Md5, Protocol = FileTransferProtocol.Scp,
        }).WaitAsync(Limit);
        Assert.Equal(("md5", md5), (byScp.HashAlgorithm, byScp.Hash));
        Assert.Contains("over Scp", byScp.Steps[2].Detail);
        Assert.Equal($"md5 {md5} matches on the device", byScp.Steps[3].Detail);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(remoteDir, "copy.bin")));

        string fetched = shared.File("fetched.bin");
        DeviceFileTransferReport back = await device.FetchFileAsync(new DeviceFileFetchRequest
        {
            SourceFile = Path.Combine(remoteDir, "copy.bin"), DestinationFile = fetched, Verify = true,
        }).WaitAsync(Limit);
        Assert.True(back.Verified);
        Assert.Equal(["copy", "verify"], back.Steps.Select(s => s.Name));
        Assert.Equal($"sha256 {sha} matches on the device", back.Steps[1].Detail);
        Assert.Equal(content, await File.ReadAllBytesAsync(fetched));
    }

    [Fact]
    public async Task AMissingDirectoryOrFileIsATypedErrorWithTheSteps()
    {
        await using OpenSshServer sshd = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["Subsystem"] = "sftp internal-sftp" });
        using TempDirectory shared = SharedDirectory();
        string local = shared.File("a.bin");
        await File.WriteAllBytesAsync(local, [1, 2, 3]);
        await using DeviceSession device = await ConnectAsync(sshd, shared);

        var noDir = await Assert.ThrowsAsync<DeviceFileTransferException>(() =>
            device.TransferFileAsync(new DeviceFileTransferRequest { SourceFile = local, FileSystem = "/nonexistent-vty-dir" }).WaitAsync(Limit));
        Assert.Contains("does /nonexistent-vty-dir exist?", noDir.Message);
        Assert.Equal("check", Assert.Single(noDir.Steps).Name);

        var noFile = await Assert.ThrowsAsync<DeviceFileTransferException>(() =>
            device.FetchFileAsync(new DeviceFileFetchRequest { SourceFile = shared.File("nope.bin"), DestinationFile = shared.File("x.bin"), Verify = true }).WaitAsync(Limit));
        Assert.Contains("no such file", noFile.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(noFile.Steps);
    }
}
