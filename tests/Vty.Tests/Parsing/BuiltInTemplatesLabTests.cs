using System.Reflection;
using System.Text.Json.Nodes;
using Vty.Devices;
using Vty.Inventory;
using Vty.Parsing;
using Vty.TestSupport;

namespace Vty.Tests.Parsing;

/// <summary>
/// The built-in templates against what the lab's devices print: each main show command of each
/// platform, run on an emulated device, parsed by Vty (through the device session, the driver's
/// ntc platform and the built-in index) and by the reference CliTable over the same index and
/// templates. Tables must be identical and hold the rows the device state implies.
/// </summary>
public sealed class BuiltInTemplatesLabTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    // profile, enable, (command, fewest rows expected)
    private static readonly (string Profile, bool Enable, (string Command, int MinRows)[] Commands)[] Platforms =
    [
        ("ios", true, [("show version", 1), ("show ip interface brief", 7), ("show interfaces", 7), ("show vlan brief", 5), ("show inventory", 3)]),
        ("iosxe", true, [("show version", 1), ("show ip interface brief", 12), ("show interfaces", 12), ("show vlan brief", 5), ("show inventory", 4)]),
        ("nxos", true, [("show version", 1), ("show ip interface brief", 0), ("show interfaces", 8), ("show vlan brief", 1), ("show inventory", 3)]),
        ("eos", true, [("show version", 1), ("show ip interface brief", 1), ("show interfaces", 8), ("show vlan brief", 1), ("show inventory", 3)]),
        ("iosxr", false, [("show version", 1), ("show ipv4 interface brief", 5), ("show ip interface brief", 5), ("show interfaces", 5), ("show inventory", 3)]),
        ("junos", false, [("show version", 1), ("show interfaces terse", 8), ("show chassis hardware", 9)]),
        ("vrp", false, [("display version", 1), ("display ip interface brief", 5), ("display interface brief", 5), ("display vlan", 1), ("display device", 3)]),
        ("linux", false, [("uname -a", 1), ("df -h", 7), ("ip -br addr", 3)]),
    ];

    [Fact]
    public async Task Built_in_templates_parse_the_lab_outputs_exactly_as_the_reference()
    {
        using var dir = new TempDirectory();
        string folder = ExtractBuiltInTemplates(dir.Path);
        var library = new TemplateLibrary([CliTable.BuiltIn]);
        var cases = new List<(string Label, JsonObject Vty, JsonObject Reference, int MinRows)>();

        foreach ((string profile, bool enable, (string Command, int MinRows)[] commands) in Platforms)
        {
            InventoryHost host = InventoryHost.FromUrl($"dummy://{profile}1?profile={profile}");
            var credentials = new HostCredentials { Username = "lab", Password = "lab", EnablePassword = "lab" };
            await using DeviceSession device = await DeviceConnector.ConnectAsync(host, credentials, new DeviceConnectOptions { Enable = enable }).WaitAsync(TestTimeout);
            string platform = device.Driver.NtcPlatform ?? throw new Xunit.Sdk.XunitException($"driver {device.Driver.Name} for lab profile {profile} has no ntc_platform");
            foreach ((string command, int minRows) in commands)
            {
                string output = await device.SendCommandAsync(command).WaitAsync(TestTimeout);
                TextFsmTable table = library.Parse(output, platform, command);
                // The index has no cisco_xe row for most commands: Vty falls back to cisco_ios as Netmiko does.
                string referencePlatform = CliTable.BuiltIn.FindTemplates(platform, command) is null ? "cisco_ios" : platform;
                var reference = new JsonObject
                {
                    ["index"] = "index",
                    ["folder"] = folder,
                    ["attributes"] = new JsonObject { ["Command"] = command, ["Platform"] = referencePlatform },
                    ["input"] = output,
                };
                cases.Add(($"{profile} ({platform}) '{command}'", TextFsmCase.TableJson(table), reference, minRows));
            }

            // The session's own parsed form gives the same rows, keys in lower case (Netmiko's shape).
            (string first, _) = commands[0];
            IReadOnlyList<IReadOnlyDictionary<string, object>> rows = await device.SendCommandParsedAsync(first, library).WaitAsync(TestTimeout);
            Assert.NotEmpty(rows);
            Assert.All(rows[0].Keys, k => Assert.Equal(k.ToLowerInvariant(), k));
        }

        IReadOnlyList<JsonObject> answers = await ReferenceTextFsm.RunAsync(cases.Select(c => c.Reference).ToList());
        var failures = new List<string>();
        for (int i = 0; i < cases.Count; i++)
        {
            (string label, JsonObject vty, _, int minRows) = cases[i];
            string want = ReferenceTextFsm.Canonical(answers[i]);
            string got = ReferenceTextFsm.Canonical(vty);
            if (want != got)
                failures.Add($"{label}:\n  reference {want}\n  vty       {got}");
            int rows = vty["rows"]!.AsArray().Count;
            if (rows < minRows)
                failures.Add($"{label}: {rows} rows, expected at least {minRows}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Parsed_values_are_the_ones_the_device_state_implies()
    {
        InventoryHost host = InventoryHost.FromUrl("dummy://r1?profile=ios");
        var credentials = new HostCredentials { Username = "lab", Password = "lab", EnablePassword = "lab" };
        await using DeviceSession device = await DeviceConnector.ConnectAsync(host, credentials, new DeviceConnectOptions { Enable = true }).WaitAsync(TestTimeout);

        IReadOnlyList<IReadOnlyDictionary<string, object>> version = await device.SendCommandParsedAsync("show version").WaitAsync(TestTimeout);
        Assert.Equal("15.7(3)M8", version[0]["version"]);
        Assert.Equal(["CISCO1921/K9"], (IEnumerable<object?>)version[0]["hardware"]);

        IReadOnlyList<IReadOnlyDictionary<string, object>> brief = await device.SendCommandParsedAsync("sh ip int br").WaitAsync(TestTimeout);
        Assert.Equal("GigabitEthernet0/0", brief[0]["interface"]);
        Assert.Equal("192.0.2.1", brief[0]["ip_address"]);
        Assert.Equal("administratively down", brief[1]["status"]);

        IReadOnlyList<IReadOnlyDictionary<string, object>> vlans = await device.SendCommandParsedAsync("show vlan brief").WaitAsync(TestTimeout);
        Assert.Equal(["Gi0/1/0", "Gi0/1/1", "Gi0/1/2", "Gi0/1/3"], (IEnumerable<object?>)vlans[0]["interfaces"]);

        var none = await Assert.ThrowsAsync<NoTemplateException>(() => device.SendCommandParsedAsync("show clock")).WaitAsync(TestTimeout);
        Assert.Equal("cisco_ios", none.Platform);
        Assert.Contains("built-in", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Junos_and_linux_columns_land_in_the_right_fields()
    {
        var credentials = new HostCredentials { Username = "lab", Password = "lab" };
        await using (DeviceSession junos = await DeviceConnector.ConnectAsync(InventoryHost.FromUrl("dummy://j1?profile=junos"), credentials, new DeviceConnectOptions()).WaitAsync(TestTimeout))
        {
            var hardware = await junos.SendCommandParsedAsync("show chassis hardware").WaitAsync(TestTimeout);
            IReadOnlyDictionary<string, object> pic = hardware.Single(r => (string)r["name"] == "PIC 0");
            Assert.Equal(("", "BUILTIN", "BUILTIN", "4XQSFP28 PIC"), ((string)pic["version"], (string)pic["part_number"], (string)pic["serial_number"], (string)pic["description"]));
            IReadOnlyDictionary<string, object> re = hardware.Single(r => (string)r["name"] == "Routing Engine 0");
            Assert.Equal(("BUILTIN", "AA0000AA0000"), ((string)re["version"], (string)re["serial_number"]));
        }

        await using DeviceSession linux = await DeviceConnector.ConnectAsync(InventoryHost.FromUrl("dummy://h1?profile=linux"), credentials, new DeviceConnectOptions()).WaitAsync(TestTimeout);
        var uname = await linux.SendCommandParsedAsync("uname -a").WaitAsync(TestTimeout);
        Assert.Equal(("x86_64", "GNU/Linux", "6.1.0-18-amd64"), ((string)uname[0]["machine"], (string)uname[0]["operating_system"], (string)uname[0]["kernel_release"]));
        var addresses = await linux.SendCommandParsedAsync("ip -br addr").WaitAsync(TestTimeout);
        Assert.Equal(["192.0.2.8/24", "fe80::5054:ff:fe00:8/64"], (IEnumerable<object?>)addresses.Single(r => (string)r["interface"] == "eth0")["addresses"]);
    }

    /// <summary>Writes the embedded index and templates to <paramref name="dir"/>, for the reference to read.</summary>
    internal static string ExtractBuiltInTemplates(string dir)
    {
        const string prefix = "Vty.Parsing.Templates.";
        Assembly vty = typeof(TextFsmTemplate).Assembly;
        int count = 0;
        foreach (string name in vty.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using Stream stream = vty.GetManifestResourceStream(name)!;
            using FileStream file = File.Create(Path.Combine(dir, name[prefix.Length..]));
            stream.CopyTo(file);
            count++;
        }

        Assert.True(count > 20, $"only {count} built-in template files");
        return dir;
    }
}
