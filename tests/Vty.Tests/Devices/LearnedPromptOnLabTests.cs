using Vty.Devices;
using Vty.Inventory;

namespace Vty.Tests.Devices;

/// <summary>
/// Renaming a lab device through a config set: the prompt with the new name ends the commands that
/// follow (it was named in a typed command), and the learned prompt is the new one.
/// </summary>
public sealed class LearnedPromptOnLabTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("ios", "hostname edge9", false, "show version")]
    [InlineData("eos", "hostname leaf9", false, "show version")]
    [InlineData("nxos", "hostname spine9", false, "show version")]
    [InlineData("iosxr", "hostname pe9", true, "show version")]
    [InlineData("junos", "set system host-name mx9", true, "show version")]
    [InlineData("vrp", "sysname ar9", false, "display version")]
    public async Task ARenameIsFollowed(string profile, string rename, bool commit, string command)
    {
        InventoryHost host = InventoryHost.FromUrl($"dummy://{profile}1?profile={profile}");
        var credentials = new HostCredentials { Username = "lab", Password = "lab", EnablePassword = "lab" };
        await using DeviceSession device = await DeviceConnector.ConnectAsync(host, credentials, new DeviceConnectOptions { Enable = true }).WaitAsync(TestTimeout);
        string oldPrompt = Assert.IsType<string>(device.Protocol.LearnedPrompt);
        string newName = rename.Split(' ')[^1];
        Assert.DoesNotContain(newName, oldPrompt, StringComparison.Ordinal);

        ConfigSetResult result = await device.SendConfigSetAsync([rename],
            new ConfigSetOptions { Commit = commit ? new CommitOptions() : null }).WaitAsync(TestTimeout);
        Assert.All(result.Lines, line => Assert.True(line.Ok, line.Error));
        Assert.False(device.InConfigMode);

        Assert.Contains(newName, device.Protocol.LearnedPrompt, StringComparison.Ordinal);
        string output = await device.SendCommandAsync(command).WaitAsync(TestTimeout);
        Assert.False(string.IsNullOrWhiteSpace(output));
        Assert.Contains(newName, device.Protocol.LearnedPrompt, StringComparison.Ordinal);
    }
}
