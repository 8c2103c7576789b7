using Vty.Accounts;
using Vty.Drivers;
using Vty.Lab;
using Vty.Lab.Serving;
using Vty.Protocols;
using Vty.Ssh.Server.HostKeys;
using Vty.TestSupport;

namespace Vty.Tests.Protocols;

/// <summary>One lab device per profile, served over our SSH and Telnet servers (no vendor text in the SSH version).</summary>
public sealed class DetectionLab : IAsyncLifetime
{
    public LabHost Host { get; private set; } = null!;

    public TempDirectory Directory { get; } = new("vty-detect");

    public async Task InitializeAsync() => Host = await LabHost.StartAsync(new LabHostOptions
    {
        Devices = DeviceProfiles.Names.Count,
        Profiles = DeviceProfiles.Names.ToList(),
        HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
        EnablePassword = "en-secret",
    });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

/// <summary>
/// Every lab profile (the lab's own list, so new profiles are covered as they land) reached with no
/// driver named, over SSH and over Telnet, with and without privileges required: the driver is
/// found (passively or by probing), enable works when asked for, a command runs.
/// </summary>
public sealed class DetectionOnLabTests(DetectionLab lab) : IClassFixture<DetectionLab>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (string profile in DeviceProfiles.Names)
        {
            foreach (string transport in (string[])["ssh", "telnet"])
            {
                data.Add(profile, transport, true);
                data.Add(profile, transport, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FindsTheDriverRaisesPrivilegesAndRunsACommand(string profile, string transport, bool enable)
    {
        LabHostDevice device = lab.Host.Devices.Single(d => d.Profile == profile);
        string url = transport == "ssh" ? device.SshUrl! : device.TelnetUrl!;
        var options = new ProtocolOptions
        {
            Authorization = enable ? AuthorizationMode.Required : AuthorizationMode.Auto,
            CommandTimeout = TimeSpan.FromSeconds(15),
            ConfigureSsh = o => o.KnownHostsPath = lab.Directory.File("known_hosts"),
        };
        await using Protocol conn = Protocol.Create(url, options);
        var uri = Vty.Hosts.HostUrl.Parse(url);
        await conn.ConnectAsync(uri.Host, uri.Port ?? 0).WaitAsync(Limit);
        await conn.LoginAsync(new Account("lab", "lab", "en-secret")).WaitAsync(Limit);
        await conn.AutoInitAsync().WaitAsync(Limit);

        string expected = DriverCatalog.Builtin.Get(profile).Name;
        Assert.Equal(expected, conn.Driver.Name);
        DriverSelection selection = Assert.IsType<DriverSelection>(conn.DriverSelection);
        Assert.Equal(expected, selection.Driver);
        Assert.NotEqual(DriverSelectionMethod.Named, selection.Method);
        Assert.NotEqual(DriverSelectionMethod.Fallback, selection.Method);
        if (enable)
        {
            Assert.True(conn.IsAppAuthorized);
            if (conn.Driver.Privileges == PrivilegeModel.Enable)
                Assert.Equal(ModeKind.Privileged, conn.CurrentMode?.Kind);
        }

        string command = LabProfileCommands.Version(profile);
        CommandResult result = await conn.ExecuteAsync(command).WaitAsync(Limit);
        Assert.False(string.IsNullOrWhiteSpace(result.Output));
    }
}
