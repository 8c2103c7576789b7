namespace Vty.Lab.Tests;

public class IosXrTests
{
    private const string Priv = "RP/0/RP0/CPU0:xr1#";
    private const string Cfg = "RP/0/RP0/CPU0:xr1(config)#";

    [Fact]
    public async Task ChangesApplyOnlyAtCommit()
    {
        await using TestTerminal t = await Lab.OpenAsync("iosxr", Priv);
        await t.RunAsync("terminal length 0", Priv);
        await t.RunAsync("configure terminal", Cfg);
        await t.RunAsync("interface Loopback0", "RP/0/RP0/CPU0:xr1(config-if)#");
        await t.RunAsync("ipv4 address 10.0.0.1 255.255.255.255", "RP/0/RP0/CPU0:xr1(config-if)#");
        await t.RunAsync("exit", Cfg);
        await t.RunAsync("hostname pe1", Cfg);
        Assert.DoesNotContain("Loopback0", await t.RunAsync("do show running-config", Cfg));
        Assert.Contains("interface Loopback0\r\n ipv4 address 10.0.0.1 255.255.255.255\r\n", await t.RunAsync("show configuration", Cfg));
        Assert.Equal("commit\r\nRP/0/RP0/CPU0:pe1(config)#", await t.RunAsync("commit", "RP/0/RP0/CPU0:pe1(config)#"));
        await t.RunAsync("end", "RP/0/RP0/CPU0:pe1#");
        Assert.Contains("interface Loopback0\r\n ipv4 address 10.0.0.1 255.255.255.255\r\n!\r\n", await t.RunAsync("show running-config", "RP/0/RP0/CPU0:pe1#"));
        Assert.Contains("Loopback0                      10.0.0.1        Up              Up       default", await t.RunAsync("show ipv4 interface brief", "RP/0/RP0/CPU0:pe1#"));
    }

    [Fact]
    public async Task EndWithUncommittedChangesAsks()
    {
        await using TestTerminal t = await Lab.OpenAsync("iosxr", Priv);
        await t.RunAsync("conf t", Cfg);
        await t.RunAsync("hostname pe2", Cfg);
        await t.SendAsync("end\r");
        await t.ExpectAsync("Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:");
        await t.SendAsync("no\r");
        await t.ExpectAsync(Priv);
        Assert.Contains("hostname xr1", await t.RunAsync("show running-config | include hostname", Priv));
        Assert.Contains("% Invalid input detected at '^' marker.", await t.RunAsync("show foo", Priv));
    }
}
