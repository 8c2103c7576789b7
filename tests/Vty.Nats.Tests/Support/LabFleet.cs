using System.Globalization;
using System.Text;
using Vty.Lab.Serving;

namespace Vty.Nats.Tests.Support;

/// <summary>
/// 300 emulated IOS devices served over Telnet by one lab process (this test process), each also
/// behind a slow-link relay. The login password is a random secret that only the workers'
/// environment holds; inventories name the variable, never the value.
/// </summary>
public sealed class LabFleet : IAsyncLifetime
{
    public const int DeviceCount = 300;
    public const string PasswordVariable = "VTY_NATS_TEST_PASSWORD";
    private readonly List<SlowLinkProxy> _proxies = [];
    private LabHost? _lab;

    /// <summary>The devices' password (and enable password): must never appear on NATS.</summary>
    public string Secret { get; } = $"Lab-Secret-{Guid.NewGuid():N}";

    public LabHost Lab => _lab ?? throw new InvalidOperationException("the lab is not started");

    public async Task InitializeAsync()
    {
        _lab = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = DeviceCount,
            Profiles = ["ios"],
            Ssh = false,
            Telnet = true,
            Password = Secret,
            EnablePassword = Secret,
        }).WaitAsync(TimeSpan.FromSeconds(60));
        foreach (LabHostDevice device in _lab.Devices)
            _proxies.Add(new SlowLinkProxy(device.TelnetPort!.Value, TimeSpan.FromMilliseconds(120)));
    }

    public async Task DisposeAsync()
    {
        foreach (SlowLinkProxy proxy in _proxies)
            await proxy.DisposeAsync();
        if (_lab is not null)
            await _lab.DisposeAsync();
    }

    /// <summary>The environment of a worker: where the secrets live.</summary>
    public IDictionary<string, string> WorkerEnvironment => new Dictionary<string, string>
    {
        [PasswordVariable] = Secret,
        ["VTY_ENABLE_PASSWORD"] = Secret,
    };

    /// <summary>Writes an inventory of the first <paramref name="count"/> devices (through the slow links when asked), with zones.</summary>
    public string WriteInventory(string directory, int count = DeviceCount, bool slow = false, Func<int, string?>? zoneOf = null)
    {
        var yaml = new StringBuilder();
        yaml.Append("defaults:\n  username: lab\n  password_env: ").Append(PasswordVariable).Append("\n  driver: ios\nhosts:\n");
        for (int i = 0; i < count; i++)
        {
            int port = slow ? _proxies[i].Port : Lab.Devices[i].TelnetPort!.Value;
            yaml.Append(CultureInfo.InvariantCulture, $"  r{i:000}:\n    url: telnet://127.0.0.1:{port}\n");
            if (zoneOf?.Invoke(i) is { } zone)
                yaml.Append("    zone: ").Append(zone).Append('\n');
        }
        string path = Path.Combine(directory, $"inventory-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }
}
