using Vty.Devices;
using Vty.Inventory;

namespace Vty.Tests.Devices;

/// <summary>Config sets with a commit against the lab's candidate-configuration platforms.</summary>
public sealed class CommitOnLabTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private static Task<DeviceSession> ConnectAsync(string profile)
    {
        InventoryHost host = InventoryHost.FromUrl($"dummy://{profile}1?profile={profile}");
        var credentials = new HostCredentials { Username = "lab", Password = "lab", EnablePassword = "lab" };
        return DeviceConnector.ConnectAsync(host, credentials, new DeviceConnectOptions { Enable = true }).WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task Junos_config_set_with_commit_comment_lands_in_the_configuration()
    {
        await using DeviceSession device = await ConnectAsync("junos");

        ConfigSetResult result = await device.SendConfigSetAsync(
            ["set interfaces ge-0/0/1 description uplink-by-vty"],
            new ConfigSetOptions { Commit = new CommitOptions { Comment = "vty test" } }).WaitAsync(TestTimeout);

        Assert.Contains("commit complete", result.CommitOutput);
        Assert.False(device.InConfigMode);
        string config = await device.SendCommandAsync("show configuration interfaces ge-0/0/1").WaitAsync(TestTimeout);
        Assert.Contains("uplink-by-vty", config);
        string history = await device.SendCommandAsync("show system commit").WaitAsync(TestTimeout);
        Assert.Contains("vty test", history);
    }

    [Fact]
    public async Task Junos_commit_confirmed_announces_the_rollback_and_applies_the_change()
    {
        await using DeviceSession device = await ConnectAsync("junos");

        await device.ConfigModeAsync().WaitAsync(TestTimeout);
        await device.SendCommandAsync("set interfaces ge-0/0/2 description never-committed").WaitAsync(TestTimeout);
        string committed = await device.CommitAsync(new CommitOptions { ConfirmMinutes = 5, AndQuit = true }).WaitAsync(TestTimeout);

        Assert.Contains("rolled back in 5 minutes", committed);
        Assert.False(device.InConfigMode);
        string config = await device.SendCommandAsync("show configuration interfaces ge-0/0/2").WaitAsync(TestTimeout);
        Assert.Contains("never-committed", config);
    }

    [Fact]
    public async Task IosXr_config_set_with_commit_is_applied()
    {
        await using DeviceSession device = await ConnectAsync("iosxr");

        ConfigSetResult result = await device.SendConfigSetAsync(
            ["interface Loopback7", "description set-by-vty"],
            new ConfigSetOptions { Commit = new CommitOptions() }).WaitAsync(TestTimeout);

        Assert.All(result.Lines, line => Assert.True(line.Ok, line.Error));
        Assert.False(device.InConfigMode);
        string running = await device.SendCommandAsync("show running-config").WaitAsync(TestTimeout);
        Assert.Contains("set-by-vty", running);
    }

    [Fact]
    public async Task IosXr_commit_with_nothing_pending_reports_the_devices_message()
    {
        await using DeviceSession device = await ConnectAsync("iosxr");

        await device.ConfigModeAsync().WaitAsync(TestTimeout);
        string output = await device.CommitAsync().WaitAsync(TestTimeout);

        Assert.Contains("No configuration changes to commit", output);
    }
}
