namespace Vty.Lab.Tests;

public class DeviceProfilesTests
{
    [Fact]
    public void AllRequiredProfilesExist()
    {
        Assert.Equal(["aoscx", "asa", "comware", "eos", "exos", "fortios", "icx", "ios", "iosxe", "iosxr", "junos", "linux", "nxos", "os10", "panos", "procurve", "routeros", "sros", "vrp", "vyos"], DeviceProfiles.Names);
        Assert.Same(DeviceProfiles.Get("IOS"), DeviceProfiles.Get("ios"));
    }

    [Fact]
    public void AnUnknownProfileNamesTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceProfiles.Get("nokia"));
        Assert.Contains("Unknown device profile 'nokia'", e.Message);
        Assert.Contains("junos", e.Message);
        Assert.False(DeviceProfiles.TryGet("nokia", out _));
    }

    [Fact]
    public void DevicesOfOneProfileKeepSeparateState()
    {
        DeviceProfile p = DeviceProfiles.Get("ios");
        var a = new EmulatedDevice(p, new LabDeviceOptions { Hostname = "a1" });
        var b = new EmulatedDevice(p, new LabDeviceOptions());
        Assert.Equal("a1", a.Hostname);
        Assert.Equal("Router", b.Hostname);
        a.State.Running.SetLine("hostname changed");
        Assert.NotNull(b.State.Running.Find("hostname Router"));
    }

    [Fact]
    public async Task ShowTechSupportIsLargeAndComplete()
    {
        var device = new EmulatedDevice(DeviceProfiles.Get("iosxe"), new LabDeviceOptions());
        LabExecResult r = await device.ExecAsync("show tech-support", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("------------------ show running-config ------------------", r.Output);
        Assert.Contains("------------------ show inventory ------------------", r.Output);
        Assert.True(r.Output.Length > 10_000);
    }

    [Fact]
    public void OptionsAreCopiedWhenTheDeviceIsCreated()
    {
        var options = new LabDeviceOptions { Password = "one" };
        var device = new EmulatedDevice(DeviceProfiles.Get("linux"), options);
        options.Password = "two";
        Assert.Equal("one", device.Options.Password);
    }
}
