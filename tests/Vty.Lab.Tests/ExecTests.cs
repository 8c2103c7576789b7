namespace Vty.Lab.Tests;

public class ExecTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static Task<LabExecResult> ExecAsync(string profile, string command, LabDeviceOptions? options = null)
    {
        var device = new EmulatedDevice(DeviceProfiles.Get(profile), options ?? new LabDeviceOptions());
        using var cts = new CancellationTokenSource(Timeout);
        return device.ExecAsync(command, cts.Token);
    }

    [Theory]
    [InlineData("ios", "show version", "Cisco IOS Software")]
    [InlineData("iosxe", "show version", "Cisco IOS XE Software")]
    [InlineData("iosxr", "show version", "Cisco IOS XR Software")]
    [InlineData("nxos", "show version", "Cisco Nexus Operating System (NX-OS) Software")]
    [InlineData("eos", "show version", "Arista DCS-7050SX3-48YC8")]
    [InlineData("junos", "show version", "Hostname: router")]
    [InlineData("vrp", "display version", "Huawei Versatile Routing Platform Software")]
    [InlineData("linux", "uname", "Linux")]
    public async Task RunsOneCommandWithoutDialogOrPaging(string profile, string command, string start)
    {
        LabExecResult r = await ExecAsync(profile, command);
        Assert.StartsWith(start, r.Output);
        Assert.Equal(0, r.ExitStatus);
        Assert.Equal("", r.ErrorOutput);
        Assert.DoesNotContain("More", r.Output);
    }

    [Fact]
    public async Task NetworkErrorsStayOnStdoutWithStatusZero()
    {
        LabExecResult r = await ExecAsync("ios", "show foo");
        Assert.Equal("     ^\r\n% Invalid input detected at '^' marker.\r\n\r\n", r.Output);
        Assert.Equal(0, r.ExitStatus);
        LabExecResult running = await ExecAsync("ios", "show running-config");
        Assert.EndsWith("end\r\n", running.Output);
    }

    [Fact]
    public async Task LinuxExitStatusAndStderr()
    {
        LabExecResult missing = await ExecAsync("linux", "ls /nope");
        Assert.Equal(2, missing.ExitStatus);
        Assert.Equal("", missing.Output);
        Assert.Equal("ls: cannot access '/nope': No such file or directory\n", missing.ErrorOutput);

        LabExecResult unknown = await ExecAsync("linux", "frobnicate");
        Assert.Equal(127, unknown.ExitStatus);
        Assert.Equal("bash: frobnicate: command not found\n", unknown.ErrorOutput);

        Assert.Equal(5, (await ExecAsync("linux", "echo bye; exit 5")).ExitStatus);
        LabExecResult list = await ExecAsync("linux", "ls -a");
        Assert.Equal(".\n..\n.bashrc\n.profile\n", list.Output);
        LabExecResult sudo = await ExecAsync("linux", "sudo id");
        Assert.Equal(1, sudo.ExitStatus);
        Assert.StartsWith("sudo: a terminal is required to read the password", sudo.ErrorOutput);
    }

    [Fact]
    public async Task ExecChangesTheDeviceStateSharedWithSessions()
    {
        var device = new EmulatedDevice(DeviceProfiles.Get("linux"), new LabDeviceOptions());
        using var cts = new CancellationTokenSource(Timeout);
        Assert.Equal(0, (await device.ExecAsync("mkdir dir1 && echo x > dir1/f", cts.Token)).ExitStatus);
        Assert.Equal("x\n", (await device.ExecAsync("cat dir1/f", cts.Token)).Output);
        Assert.Equal("dir1\n", (await device.ExecAsync("ls", cts.Token)).Output);
    }
}

public class AutoInitTests
{
    [Theory]
    [InlineData("ios", "Router>", "terminal length 0|terminal width 0")]
    [InlineData("iosxe", "Switch>", "terminal length 0|terminal width 0")]
    [InlineData("iosxr", "RP/0/RP0/CPU0:xr1#", "terminal exec prompt no-timestamp|terminal length 0|terminal width 0")]
    [InlineData("nxos", "switch# ", "terminal length 0|terminal width 511")]
    [InlineData("eos", "switch>", "terminal dont-ask|terminal length 0|terminal width 511")]
    [InlineData("junos", "lab@router> ", "set cli screen-length 0|set cli screen-width 0|set cli terminal ansi|set cli complete-on-space off")]
    [InlineData("vrp", "<HUAWEI>", "screen-length 0 temporary")]
    public async Task DriverInitCommandsAreAccepted(string profile, string prompt, string commands)
    {
        await using TestTerminal t = await Lab.OpenAsync(profile, prompt);
        foreach (string command in commands.Split('|'))
        {
            string output = await t.RunAsync(command, prompt);
            Assert.DoesNotContain("^", output);
            Assert.DoesNotContain("rror", output);
            Assert.DoesNotContain("nvalid", output);
        }
        string version = await t.RunAsync(profile == "vrp" ? "display version" : "show version", prompt);
        Assert.DoesNotContain("More", version);
    }
}
