using Vty.Devices;
using Vty.Inventory;
using Vty.Lab;
using Vty.Protocols;

namespace Vty.Tests.Devices;

public sealed class DeviceSessionTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private static Task<DeviceSession> ConnectAsync(string url = "dummy://r1?profile=ios", bool enable = true, Action<InventoryHost, ProtocolOptions>? configure = null)
    {
        InventoryHost host = InventoryHost.FromUrl(url);
        var credentials = new HostCredentials { Username = "lab", Password = "lab", EnablePassword = "lab" };
        return DeviceConnector.ConnectAsync(host, credentials, new DeviceConnectOptions { Enable = enable, ConfigureProtocol = configure }).WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task SendCommandReturnsTheOutputWithoutEchoOrPrompt()
    {
        await using DeviceSession device = await ConnectAsync();

        string output = await device.SendCommandAsync("show version").WaitAsync(TestTimeout);

        Assert.Contains("Cisco IOS", output);
        Assert.DoesNotContain("show version", output.Split('\n')[0]);
        Assert.DoesNotContain("r1#", output);
        Assert.Equal("ios", device.Driver.Name);
    }

    [Fact]
    public async Task ARejectedCommandThrowsWithTheDevicesMessage()
    {
        await using DeviceSession device = await ConnectAsync();

        CommandErrorException error = await Assert.ThrowsAsync<CommandErrorException>(() => device.SendCommandAsync("show bogus-thing").WaitAsync(TestTimeout));

        Assert.Contains("Invalid input", error.DeviceMessage);
        Assert.Equal("show bogus-thing", error.Command);
    }

    [Fact]
    public async Task EnableMovesFromUserToPrivilegedAndBack()
    {
        await using DeviceSession device = await ConnectAsync(enable: false);
        Assert.Equal("user", device.Mode);
        Assert.False(device.IsEnabled);

        await device.EnableAsync().WaitAsync(TestTimeout);
        Assert.Equal("privileged", device.Mode);

        await device.ExitEnableAsync().WaitAsync(TestTimeout);
        Assert.Equal("user", device.Mode);
    }

    [Fact]
    public async Task ConfigSetEntersAppliesAndLeavesConfigMode()
    {
        await using DeviceSession device = await ConnectAsync();

        ConfigSetResult result = await device.SendConfigSetAsync(["interface Loopback7", "description vty-test", "ip address 10.7.7.7 255.255.255.255"]).WaitAsync(TestTimeout);
        string running = await device.SendCommandAsync("show running-config").WaitAsync(TestTimeout);

        Assert.True(result.Ok);
        Assert.Equal(3, result.Lines.Count);
        Assert.False(device.InConfigMode);
        Assert.Contains("interface Loopback7", running);
        Assert.Contains("description vty-test", running);
    }

    [Fact]
    public async Task ConfigSetStopsAtTheFirstRejectedLineAndLeavesConfigMode()
    {
        await using DeviceSession device = await ConnectAsync();

        CommandErrorException error = await Assert.ThrowsAsync<CommandErrorException>(
            () => device.SendConfigSetAsync(["hostname edge1", "bogus line here", "interface Loopback8"]).WaitAsync(TestTimeout));
        string running = await device.SendCommandAsync("show running-config").WaitAsync(TestTimeout);

        Assert.Equal("bogus line here", error.Command);
        Assert.False(device.InConfigMode);
        Assert.DoesNotContain("Loopback8", running);
    }

    [Fact]
    public async Task ConfigSetCanGoOnAfterAnError()
    {
        await using DeviceSession device = await ConnectAsync();

        ConfigSetResult result = await device.SendConfigSetAsync(["bogus line here", "interface Loopback9"], new ConfigSetOptions { StopOnError = false }).WaitAsync(TestTimeout);

        Assert.False(result.Ok);
        Assert.NotNull(result.Lines[0].Error);
        Assert.True(result.Lines[1].Ok);
        Assert.Contains("Loopback9", await device.SendCommandAsync("show running-config").WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task SaveConfigRunsTheDriversSaveCommand()
    {
        await using DeviceSession device = await ConnectAsync();

        string output = await device.SaveConfigAsync().WaitAsync(TestTimeout);

        Assert.Contains("OK", output);
    }

    [Fact]
    public async Task CommitOnAPlatformWithoutCommitSaysWhat()
    {
        await using DeviceSession device = await ConnectAsync();

        DeviceOperationException error = await Assert.ThrowsAsync<DeviceOperationException>(() => device.CommitAsync());

        Assert.Contains("has no commit", error.Message);
    }

    [Fact]
    public async Task TheTimingReadReturnsAfterSilence()
    {
        await using DeviceSession device = await ConnectAsync();

        string output = await device.SendCommandTimingAsync("show clock", TimeSpan.FromMilliseconds(300)).WaitAsync(TestTimeout);

        Assert.Matches(@"\d\d:\d\d:\d\d", output);
        Assert.Contains("r1#", output);
    }

    [Fact]
    public async Task ThePagerIsFollowedWhenPagingStaysOn()
    {
        InventoryHost host = InventoryHost.FromUrl("dummy://r1?profile=ios");
        var options = new ProtocolOptions { SchemeSettings = new LabDeviceOptions { PagerLines = 5 }, Authorization = AuthorizationMode.Auto };
        await using Protocol protocol = await Protocol.ConnectAsync("dummy://lab:lab@r1?profile=ios", options).WaitAsync(TestTimeout);
        await using var device = new DeviceSession(protocol, ownsProtocol: false);

        string output = await device.SendCommandAsync("show running-config").WaitAsync(TestTimeout);

        Assert.Contains("end", output.Split('\n').Select(l => l.Trim()));
        Assert.DoesNotContain("--More--", output);
    }

    [Theory]
    [InlineData("junos", null, null, false, "commit")]
    [InlineData("junos", "nightly change", 5, true, "commit confirmed 5 comment \"nightly change\" and-quit")]
    [InlineData("ios_xr", "x", 3, false, "commit confirmed minutes 3 comment \"x\"")]
    public void CommitCommandsFollowThePlatform(string driver, string? comment, int? confirm, bool andQuit, string expected)
    {
        Assert.Equal(expected, DeviceSession.BuildCommitCommand(driver, "commit", new CommitOptions { Comment = comment, ConfirmMinutes = confirm, AndQuit = andQuit }));
    }
}
