using Vty.Accounts;
using Vty.Drivers;
using Vty.Protocols;

namespace Vty.Tests.Protocols.Independent;

/// <summary>
/// The independent-style devices reached over SSH and Telnet with no driver named, with and without
/// privileges required: the right driver is found, a command runs, and a prompt-shaped line of
/// another host at the end of a write does not end the command that printed it.
/// </summary>
public sealed class IndependentDetectionTests(IndependentDeviceServers servers) : IClassFixture<IndependentDeviceServers>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (IndependentStyle style in IndependentStyles.All)
        {
            foreach (string transport in (string[])["ssh", "telnet"])
            {
                data.Add(style.Name, transport, false);
                data.Add(style.Name, transport, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FindsTheDriverAndRunsCommands(string styleName, string transport, bool enable)
    {
        var (device, sshUrl, telnetUrl) = servers.Get(styleName);
        IndependentStyle style = device.Style;
        await using Protocol conn = await ConnectAsync(transport == "ssh" ? sshUrl : telnetUrl, enable);

        Assert.Equal(style.ExpectedDriver, conn.Driver.Name);
        Assert.NotEqual(DriverSelectionMethod.Fallback, conn.DriverSelection?.Method);
        if (enable)
        {
            Assert.True(conn.IsAppAuthorized);
            if (style.EnabledPrompt is not null)
                Assert.Equal(ModeKind.Privileged, conn.CurrentMode?.Kind);
        }

        await conn.AutoInitAsync().WaitAsync(Limit);
        CommandResult sample = await conn.ExecuteAsync(style.Sample.Command).WaitAsync(Limit);
        Assert.Contains(style.Sample.Expect, sample.Output, StringComparison.Ordinal);

        // The first write ends on another host's prompt; the command ends on this host's.
        CommandResult split = await conn.ExecuteAsync(style.SplitOutput.Command).WaitAsync(Limit);
        string lastLine = style.SplitOutput.After.TrimEnd('\n').Split('\n')[^1];
        Assert.EndsWith(lastLine, split.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.True(conn.Driver.IsPrompt(split.Prompt), $"'{split.Prompt}' is not a prompt of {conn.Driver.Name}");
        Assert.True(new[] { style.UserPrompt, style.EnabledPrompt }.Contains(split.Prompt), $"ended on '{split.Prompt}'");
    }

    [Fact]
    public async Task ALinuxHostIsNotAskedNetworkDeviceProbesAfterUnameAnswered()
    {
        var (device, sshUrl, _) = servers.Get(IndependentStyles.LinuxLike.Name);
        device.Received.Clear(); // the tests of one class run one at a time
        await using Protocol conn = await ConnectAsync(sshUrl, enable: false);
        Assert.Equal("shell", conn.Driver.Name);
        string[] sent = device.Received.ToArray();
        Assert.Contains("uname -a", sent);
        Assert.DoesNotContain("show version", sent);
        Assert.DoesNotContain("display version", sent);
        Assert.DoesNotContain("get system status", sent);
        Assert.DoesNotContain("show system info", sent);
    }

    private async Task<Protocol> ConnectAsync(string url, bool enable)
    {
        var options = new ProtocolOptions
        {
            Authorization = enable ? AuthorizationMode.Required : AuthorizationMode.Auto,
            CommandTimeout = TimeSpan.FromSeconds(15),
            ConfigureSsh = o => o.KnownHostsPath = servers.Directory.File("known_hosts"),
        };
        Protocol conn = Protocol.Create(url, options);
        try
        {
            var uri = Vty.Hosts.HostUrl.Parse(url);
            await conn.ConnectAsync(uri.Host, uri.Port ?? 0).WaitAsync(Limit);
            await conn.LoginAsync(new Account("lab", "lab", "en-secret")).WaitAsync(Limit);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }
}
