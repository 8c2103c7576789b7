using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Vty.Lab.Serving;
using Vty.Ssh;
using Vty.Ssh.FileTransfer;
using Vty.Ssh.Keys;
using Vty.Ssh.Scp;
using Vty.Ssh.Server.HostKeys;
using Vty.Ssh.Sftp;

namespace Vty.Lab.Tests.Serving;

/// <summary>
/// Files on lab devices: SCP to an IOS device's flash (our client and OpenSSH's scp -O) agrees with
/// dir flash:, show flash: and verify /md5; a Linux device's SFTP serves the tree its shell sees.
/// </summary>
public sealed class LabFileTransferTests
{
    private static readonly Lazy<IReadOnlyList<SshPrivateKey>> HostKeys = new(() => SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]));

    private static SshClientOptions Options(int port) => new()
    {
        Host = "127.0.0.1", Port = port, Username = "lab", Password = "lab", HostKeyPolicy = HostKeyPolicy.Off,
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    private static async Task<string> ExecAsync(SshClient client, string command, CancellationToken ct) =>
        Encoding.UTF8.GetString((await client.ExecuteAsync(command, ct)).StandardOutput).Replace("\r\n", "\n");

    [Fact]
    public async Task ScpToIosFlashAgreesWithDirShowFlashAndVerifyMd5()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        CancellationToken ct = cts.Token;
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = 1, Profiles = ["ios"], Telnet = false, HostKeys = HostKeys.Value.ToList(),
            ConfigureDevice = (_, d) => d.FlashCapacityBytes = 4_000_000,
        });
        string dir = Directory.CreateTempSubdirectory("vty-lab-flash").FullName;
        try
        {
            byte[] image = new byte[1_500_000];
            new Random(5).NextBytes(image);
            await File.WriteAllBytesAsync(Path.Combine(dir, "image.bin"), image, ct);
            string md5 = Convert.ToHexStringLower(MD5.HashData(image));

            await using SshClient client = await SshClient.ConnectAsync(Options(lab.Devices[0].SshPort!.Value), ct);
            Assert.Contains("No files in directory", await ExecAsync(client, "dir flash:", ct));
            FileTransferResult sent = await SshFileTransfer.UploadAsync(client, Path.Combine(dir, "image.bin"), "flash:/image.bin", false, null, FileTransferProtocol.Auto, ct);
            Assert.Equal(FileTransferProtocol.Scp, sent.Protocol); // IOS has no SFTP subsystem

            string listing = await ExecAsync(client, "dir flash:", ct);
            Assert.Matches(@"Directory of flash:/\n\n\s+1\s+-rw-\s+1500000\s+.+ image\.bin\n\n4000000 bytes total \(2500000 bytes free\)", listing);
            Assert.Equal(listing, await ExecAsync(client, "show flash:", ct));
            Assert.Matches(@"Directory of flash:/image\.bin", await ExecAsync(client, "dir flash:/image.bin", ct));
            Assert.Contains($"verify /md5 (flash:/image.bin) = {md5}", await ExecAsync(client, "verify /md5 flash:image.bin", ct));
            Assert.Contains("%Error opening flash:/nope.bin (No such file or directory)", await ExecAsync(client, "verify /md5 flash:/nope.bin", ct));

            // Too big for what is left: a typed "no space" from the device.
            await File.WriteAllBytesAsync(Path.Combine(dir, "huge.bin"), new byte[3_000_000], ct);
            var full = await Assert.ThrowsAsync<ScpException>(() => new ScpClient(client).UploadAsync(Path.Combine(dir, "huge.bin"), "flash:huge.bin", false, null, ct));
            Assert.Equal(FileTransferErrorKind.NoSpace, full.Kind);

            // OpenSSH's own scp in legacy mode (what Netmiko and network gear use) copies it back.
            var start = new ProcessStartInfo("/usr/bin/sshpass") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.Environment["SSHPASS"] = "lab";
            foreach (string a in new[] { "-e", "/usr/bin/scp", "-O", "-F", "/dev/null", "-P", lab.Devices[0].SshPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no",
                "lab@127.0.0.1:flash:/image.bin", Path.Combine(dir, "back.bin") })
                start.ArgumentList.Add(a);
            using Process scp = Process.Start(start)!;
            string error = await scp.StandardError.ReadToEndAsync(ct);
            await scp.WaitForExitAsync(ct);
            Assert.True(scp.ExitCode == 0, $"scp -O from the lab's flash failed: {error}");
            Assert.Equal(md5, Convert.ToHexStringLower(MD5.HashData(await File.ReadAllBytesAsync(Path.Combine(dir, "back.bin"), ct))));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task LinuxDeviceServesItsOwnTreeOverSftp()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        CancellationToken ct = cts.Token;
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions { Devices = 1, Profiles = ["linux"], Telnet = false, HostKeys = HostKeys.Value.ToList() });
        await using SshClient client = await SshClient.ConnectAsync(Options(lab.Devices[0].SshPort!.Value), ct);
        await using SftpClient sftp = await SftpClient.OpenAsync(client, null, ct);
        Assert.Equal("/home/lab", await sftp.GetFullPathAsync(".", ct));
        await using (SftpFileStream file = await sftp.OpenStreamAsync("notes.txt", FileMode.Create, FileAccess.Write, ct))
            await file.WriteAsync("written over sftp\n"u8.ToArray(), ct);
        Assert.Equal("written over sftp\n", await ExecAsync(client, "cat /home/lab/notes.txt", ct));
        Assert.Contains(".bashrc", (await sftp.ListDirectoryAsync(".", ct)).Select(e => e.Name));
        await Assert.ThrowsAsync<SftpPermissionDeniedException>(() => sftp.UploadFileAsync(typeof(LabFileTransferTests).Assembly.Location, "/etc/evil", null, ct));
    }
}
