using System.Security.Cryptography;
using Vty.Accounts;
using Vty.Devices;
using Vty.Lab.Serving;
using Vty.Protocols;
using Vty.Ssh.Server.HostKeys;
using Vty.TestSupport;

namespace Vty.Tests.Devices;

/// <summary>
/// Netmiko's file_transfer flow against lab IOS devices over our SSH server: copy and verify, skip when present, refuse when full.
/// The 200-device push runs through the CLI's fleet runner (Vty.Cli.Tests/CpFleetTests).
/// </summary>
public sealed class FileTransferOnLabTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static async Task<DeviceSession> ConnectAsync(LabHostDevice device, TempDirectory dir)
    {
        var options = new ProtocolOptions { ConfigureSsh = o => o.KnownHostsPath = dir.File("known_hosts") };
        Protocol conn = Protocol.Create(device.SshUrl!, options);
        var uri = Vty.Hosts.HostUrl.Parse(device.SshUrl!);
        await conn.ConnectAsync(uri.Host, uri.Port ?? 0).WaitAsync(Limit);
        await conn.LoginAsync(new Account("lab", "lab", "en")).WaitAsync(Limit);
        await conn.AutoInitAsync().WaitAsync(Limit);
        return new DeviceSession(conn);
    }

    [Fact]
    public async Task CopiesVerifiesSkipsAndRefusesWhenFull()
    {
        using var dir = new TempDirectory("vty-devfiles");
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = 2, Profiles = ["ios"], Telnet = false, EnablePassword = "en",
            HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            ConfigureDevice = (i, d) => d.FlashCapacityBytes = i == 0 ? 8_000_000 : 100_000,
        });
        byte[] image = new byte[2_000_000];
        new Random(3).NextBytes(image);
        string path = dir.File("c1900-lab.bin");
        await File.WriteAllBytesAsync(path, image);
        string md5 = Convert.ToHexStringLower(MD5.HashData(image));

        await using (DeviceSession device = await ConnectAsync(lab.Devices[0], dir))
        {
            var seen = new List<string>();
            DeviceFileTransferReport first = await device.TransferFileAsync(new DeviceFileTransferRequest { SourceFile = path, StepCompleted = s => seen.Add(s.Name) }).WaitAsync(Limit);
            Assert.True(first.Transferred);
            Assert.True(first.Verified);
            Assert.Equal(md5, first.Hash);
            Assert.Equal("flash:/c1900-lab.bin", first.Destination);
            Assert.Equal(["check", "space", "copy", "verify"], seen);
            Assert.Contains("2000000 bytes sent", first.Steps[2].Detail);

            DeviceFileTransferReport second = await device.TransferFileAsync(new DeviceFileTransferRequest { SourceFile = path }).WaitAsync(Limit);
            Assert.False(second.Transferred);
            Assert.Contains("already there", Assert.Single(second.Steps).Detail);
        }

        await using (DeviceSession small = await ConnectAsync(lab.Devices[1], dir))
        {
            var full = await Assert.ThrowsAsync<DeviceFileTransferException>(() => small.TransferFileAsync(new DeviceFileTransferRequest { SourceFile = path }).WaitAsync(Limit));
            Assert.Contains("not enough space on flash:", full.Message);
            Assert.Equal("check", Assert.Single(full.Steps).Name);
        }
    }
}
