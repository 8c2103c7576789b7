using Vty.Devices;
using Vty.Inventory;
using Vty.Lab;
using Vty.Lab.Serving;
using Vty.Ssh.Server.HostKeys;

namespace Vty.Tests.Devices;

/// <summary>One served lab device per profile added for issue 11 (SSH and Telnet on loopback).</summary>
public sealed class ConfigLab : IAsyncLifetime
{
    public static readonly string[] Profiles = ["fortios", "panos", "routeros", "vyos", "procurve", "aoscx", "comware", "sros", "exos", "icx"];

    public LabHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await LabHost.StartAsync(new LabHostOptions
    {
        // Two devices per profile: the SSH and the Telnet case each change their own device.
        Devices = Profiles.Length * 2,
        Profiles = [.. Profiles.SelectMany(p => new[] { p, p })],
        HostKeys = [.. SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"])],
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// The built-in drivers configure every new lab profile the OS's own way, found with no driver
/// named, over SSH and over Telnet: a config set (with a commit where the OS has one), the change
/// read back with the OS's own command, and the driver's save where it has one.
/// </summary>
public sealed class ConfigOnLabProfilesTests(ConfigLab lab) : IClassFixture<ConfigLab>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private sealed record Change(string[] Lines, string Verify, bool Commit = false, bool ConfigMode = true, bool Save = true);

    private static Change For(string profile, string marker) => profile switch
    {
        "fortios" => new(["config system interface", "edit internal5", $"set alias {marker}", "next", "end"], "show system interface internal5", ConfigMode: false, Save: false),
        "panos" => new([$"set network interface ethernet ethernet1/3 comment {marker}"], "show config running", Commit: true, Save: false),
        "routeros" => new([$"/interface ethernet set ether4 comment={marker}"], "/export", ConfigMode: false, Save: false),
        "vyos" => new([$"set interfaces ethernet eth1 description {marker}"], "show configuration commands", Commit: true, Save: false),
        "procurve" => new(["interface 6", $"name {marker}"], "show running-config"),
        "aoscx" => new(["interface 1/1/4", $"description {marker}"], "show running-config"),
        "comware" => new(["interface GigabitEthernet1/0/2", $"description {marker}"], "display current-configuration"),
        "sros" => new(["router", "interface \"vty\"", $"description \"{marker}\""], "admin display-config"),
        "exos" => new([$"create vlan {marker} tag 303"], "show configuration vlan", ConfigMode: false),
        "icx" => new(["interface ethernet 1/1/2", $"port-name {marker}"], "show running-config"),
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string profile in ConfigLab.Profiles)
        {
            data.Add(profile, "ssh");
            data.Add(profile, "telnet");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheDriverChangesAndReadsBackTheConfiguration(string profile, string transport)
    {
        LabHostDevice device = lab.Host.Devices.Where(d => d.Profile == profile).ElementAt(transport == "ssh" ? 0 : 1);
        string url = transport == "ssh" ? device.SshUrl! : device.TelnetUrl!;
        var credentials = new HostCredentials { Username = "lab", Password = "lab", EnablePassword = "lab" };
        var options = new DeviceConnectOptions
        {
            Enable = true,
            CommandTimeout = TimeSpan.FromSeconds(15),
            ConfigureSsh = (_, ssh) => ssh.HostKeyPolicy = Vty.Ssh.HostKeyPolicy.Off,
        };
        await using DeviceSession session = await DeviceConnector.ConnectAsync(InventoryHost.FromUrl(url), credentials, options).WaitAsync(Limit);
        Assert.Equal(Vty.Drivers.DriverCatalog.Builtin.Get(profile).Name, session.Driver.Name);

        string marker = $"vty-{profile}-{transport}";
        Change change = For(profile, marker);
        ConfigSetResult result = await session.SendConfigSetAsync(change.Lines, new ConfigSetOptions
        {
            EnterConfigMode = change.ConfigMode,
            ExitConfigMode = change.ConfigMode,
            Commit = change.Commit ? new CommitOptions() : null,
        }).WaitAsync(Limit);
        Assert.All(result.Lines, line => Assert.True(line.Ok, $"{line.Line}: {line.Error}"));
        Assert.False(session.InConfigMode);

        string config = await session.SendCommandAsync(change.Verify).WaitAsync(Limit);
        Assert.Contains(marker, config);
        if (change.Save)
            await session.SaveConfigAsync().WaitAsync(Limit);
    }
}
