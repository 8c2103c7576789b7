using System.Text;
using Vty.Lab.Serving;
using Vty.Ssh;
using Vty.Ssh.Keys;
using Vty.Ssh.Server.HostKeys;

namespace Vty.Lab.Tests.Serving;

/// <summary>Port forwarding through lab devices: off by default, and with it on, one device is a ProxyJump bastion for another.</summary>
public sealed class LabForwardingTests
{
    private static readonly Lazy<IReadOnlyList<SshPrivateKey>> HostKeys = new(() => SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]));

    private static SshClientOptions Options(int port) => new()
    {
        Host = "127.0.0.1", Port = port, Username = "lab", Password = "lab", HostKeyPolicy = HostKeyPolicy.Off,
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task A_device_is_a_bastion_only_when_forwarding_is_allowed()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using LabHost closed = await LabHost.StartAsync(new LabHostOptions { Devices = 2, Telnet = false, HostKeys = HostKeys.Value.ToList() });
        SshClientOptions refused = Options(closed.Devices[1].SshPort!.Value);
        refused.JumpHosts = [Options(closed.Devices[0].SshPort!.Value)];
        var e = await Assert.ThrowsAsync<SshConnectionException>(() => SshClient.ConnectAsync(refused, cts.Token));
        Assert.Contains("could not reach", e.Message);

        await using LabHost open = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = 2, Telnet = false, HostKeys = HostKeys.Value.ToList(), AllowPortForwarding = true,
        });
        SshClientOptions through = Options(open.Devices[1].SshPort!.Value);
        through.JumpHosts = [Options(open.Devices[0].SshPort!.Value)];
        await using SshClient client = await SshClient.ConnectAsync(through, cts.Token);
        SshExecResult result = await client.ExecuteAsync("show version", cts.Token);
        Assert.Contains($"{open.Devices[1].Name} uptime is", Encoding.UTF8.GetString(result.StandardOutput));
    }
}
