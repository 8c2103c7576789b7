using System.Diagnostics;
using Vty.Ssh.Sftp;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>Each failure a user meets is a typed error that says what happened, against OpenSSH.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SftpErrorTests
{
    [Fact]
    public async Task NoSuchFileAndPermissionDenied()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        await using var server = await SftpServers.OpenSshAsync();
        var (ssh, sftp) = await SftpServers.ConnectAsync(server.Port, keys, ct);
        await using var _ = ssh;
        await using var __ = sftp;

        var missing = await Assert.ThrowsAsync<SftpNoSuchFileException>(() => sftp.DownloadFileAsync(shared.Path + "/nope.bin", shared.File("x"), null, ct));
        Assert.Contains("no such file", missing.Message);
        Assert.Equal(shared.Path + "/nope.bin", missing.Path);
        await Assert.ThrowsAsync<SftpNoSuchFileException>(() => sftp.ListDirectoryAsync(shared.Path + "/nodir", ct));

        string secret = shared.File("root-only");
        await File.WriteAllTextAsync(secret, "secret", ct);
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var denied = await Assert.ThrowsAsync<SftpPermissionDeniedException>(() => sftp.DownloadFileAsync(secret, shared.File("y"), null, ct));
        Assert.Contains("permission denied", denied.Message);
        await Assert.ThrowsAsync<SftpPermissionDeniedException>(() => sftp.UploadFileAsync(secret, "/root/not-yours", null, ct));
    }

    [Fact]
    public async Task FullDiskIsNoSpace()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        string small = shared.File("small");
        Directory.CreateDirectory(small);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m,mode=0777", "tmpfs", small);
        try
        {
            await using var server = await SftpServers.OpenSshAsync();
            var (ssh, sftp) = await SftpServers.ConnectAsync(server.Port, keys, ct);
            await using var _ = ssh;
            await using var __ = sftp;
            SftpTestFiles.CreateRandomFile(shared.File("two-mb.bin"), 2_000_000);
            var full = await Assert.ThrowsAsync<SftpNoSpaceException>(() => sftp.UploadFileAsync(shared.File("two-mb.bin"), small + "/big.bin", null, ct));
            Assert.Contains("no space left", full.Message);
        }
        finally
        {
            await RunAsync("umount", "-l", small);
        }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestTimeouts.ShortToken());
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {error}");
    }
}
