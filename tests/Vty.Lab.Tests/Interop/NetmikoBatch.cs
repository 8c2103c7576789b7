using System.Text.Json;
using System.Text.Json.Nodes;
using Vty.Lab.Serving;
using Vty.Ssh.Keys;
using Vty.Ssh.Server.HostKeys;
using Vty.TestSupport;

namespace Vty.Lab.Tests.Interop;

/// <summary>
/// Serves one lab device per <see cref="NetmikoCases"/> entry and runs all of them in ONE python
/// process (netmiko_batch.py), so the interpreter and Netmiko start once for the whole batch.
/// </summary>
public sealed class NetmikoBatch : IAsyncLifetime
{
    /// <summary>Debian's interpreter: python3-netmiko is installed for it, not for a pyenv one on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    private readonly Dictionary<string, JsonObject> _results = new(StringComparer.Ordinal);
    private LabHost? _lab;

    /// <summary>Host names of the devices, by case name.</summary>
    public Dictionary<string, string> Hostnames { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the batch could not run at all (null when it ran).</summary>
    public string? BatchFailure { get; private set; }

    public async Task InitializeAsync()
    {
        IReadOnlyList<NetmikoCase> cases = NetmikoCases.All;
        IReadOnlyList<SshPrivateKey> keys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519", "ecdsa-sha2-nistp256"]);
        _lab = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = cases.Count,
            Profiles = cases.Select(c => c.Profile).ToList(),
            HostKeys = keys.ToList(),
        });

        var json = new JsonArray();
        for (int i = 0; i < cases.Count; i++)
        {
            NetmikoCase c = cases[i];
            LabHostDevice device = _lab.Devices[i];
            Hostnames[c.Name] = device.Name;
            json.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["device_type"] = c.DeviceType,
                ["host"] = "127.0.0.1",
                ["port"] = c.Telnet ? device.TelnetPort : device.SshPort,
                ["username"] = "lab",
                ["password"] = "lab",
                ["secret"] = "lab",
                ["enable"] = c.Enable,
                ["show"] = c.Show,
                ["config"] = new JsonArray([.. c.Config.Select(l => (JsonNode?)JsonValue.Create(l))]),
                ["commit"] = c.Commit,
                ["verify"] = c.Verify,
            });
        }

        using var dir = new TempDirectory("vty-netmiko");
        string casesFile = dir.File("cases.json");
        string resultsFile = dir.File("results.json");
        await File.WriteAllTextAsync(casesFile, json.ToJsonString());
        string script = Path.Combine(AppContext.BaseDirectory, "Interop", "netmiko_batch.py");
        var (code, _, _, output) = await ManagedProcess.RunCapturedAsync(Python, [script, casesFile, resultsFile], null, TimeSpan.FromMinutes(4));
        if (code != 0 || !File.Exists(resultsFile))
        {
            BatchFailure = $"netmiko_batch.py exited {code} (is python3-netmiko installed? run scripts/install-test-deps.sh): {output}";
            return;
        }
        foreach (JsonNode? node in JsonNode.Parse(await File.ReadAllTextAsync(resultsFile))!.AsArray())
            _results[node!["name"]!.GetValue<string>()] = node.AsObject();
    }

    /// <summary>The result object of one case (fails the test when the batch did not run).</summary>
    public JsonObject Result(string name)
    {
        Assert.True(BatchFailure is null, BatchFailure);
        Assert.True(_results.TryGetValue(name, out JsonObject? r), $"no result for case {name}");
        return r!;
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
            await _lab.DisposeAsync();
    }
}
