using System.Text;
using Vty.Lab.Serving;
using Vty.Ssh;
using Vty.Ssh.Keys;
using Vty.Ssh.Server.HostKeys;
using Vty.Telnet;

namespace Vty.Lab.Tests.Serving;

/// <summary>A lab served over our SSH and Telnet servers, driven by the real OpenSSH client and by our own clients.</summary>
public sealed class LabHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Generated once per test run: RSA generation would dominate the run time otherwise.
    private static readonly Lazy<IReadOnlyList<SshPrivateKey>> HostKeys =
        new(() => SshHostKeyStore.GenerateEphemeral(["ssh-ed25519", "ecdsa-sha2-nistp256"]));
    private LabHost _lab = null!;

    public async Task InitializeAsync()
    {
        _lab = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = 3,
            HostKeys = HostKeys.Value.ToList(),
            Profiles = ["ios", "junos", "ios"],
            ConfigureDevice = (index, options) =>
            {
                if (index == 2) options.Fault = LabFault.RejectLogin;
            },
        });
    }

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    private LabHostDevice Ios => _lab.Devices.First(d => d.Profile == "ios");

    [Fact]
    public async Task Real_ssh_exec_runs_one_command_like_a_router()
    {
        var (code, output, error) = await SshCommandLine.RunAsync(Ios.SshPort!.Value, "lab", "lab", "show version");
        Assert.True(code == 0, error);
        Assert.Contains("Cisco IOS Software", output);
        Assert.Contains($"{Ios.Name} uptime is", output);
    }

    [Fact]
    public async Task Real_ssh_shell_gets_the_prompt_without_a_second_login()
    {
        var (code, output, error) = await SshCommandLine.RunAsync(Ios.SshPort!.Value, "lab", "lab", null, "show clock\nenable\nlab\nshow running-config | include hostname\nexit\n", tty: true);
        Assert.True(code == 0, error);
        Assert.DoesNotContain("Username:", output);
        Assert.Contains($"{Ios.Name}>show clock", output);
        Assert.Contains($"hostname {Ios.Name}", output);
        Assert.Contains($"{Ios.Name}#", output);
    }

    [Fact]
    public async Task Wrong_credentials_and_the_reject_fault_are_refused_over_ssh()
    {
        var (code, output, _) = await SshCommandLine.RunAsync(Ios.SshPort!.Value, "lab", "wrong", "show version");
        Assert.NotEqual(0, code);
        Assert.Equal("", output);
        LabHostDevice rejecting = _lab.Devices[2];
        var (rejected, rejectedOutput, _) = await SshCommandLine.RunAsync(rejecting.SshPort!.Value, "lab", "lab", "show version");
        Assert.NotEqual(0, rejected);
        Assert.Equal("", rejectedOutput);
    }

    [Fact]
    public async Task Our_ssh_client_runs_exec_and_a_shell()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using SshClient client = await SshClient.ConnectAsync(new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = Ios.SshPort!.Value,
            Username = "lab",
            Password = "lab",
            HostKeyPolicy = HostKeyPolicy.Off,
        }, cts.Token);
        SshExecResult exec = await client.ExecuteAsync("show version", cts.Token);
        Assert.Equal(0, exec.ExitStatus);
        Assert.Contains("Cisco IOS Software", Encoding.UTF8.GetString(exec.StandardOutput));

        await using SshShell shell = await client.OpenShellAsync(new SshPtyOptions(), cts.Token);
        string prompt = await ReadUntilAsync(shell.Stream, $"{Ios.Name}>", cts.Token);
        Assert.DoesNotContain("Password:", prompt);
        await shell.Stream.WriteAsync("show clock\r"u8.ToArray(), cts.Token);
        Assert.Contains("UTC", await ReadUntilAsync(shell.Stream, $"{Ios.Name}>", cts.Token));
    }

    [Fact]
    public async Task Telnet_gets_the_devices_own_login_dialog()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using TelnetClient telnet = await TelnetClient.ConnectAsync("127.0.0.1", Ios.TelnetPort!.Value, null, cts.Token);
        await ReadUntilAsync(telnet.Stream, "Username:", cts.Token);
        await telnet.Stream.WriteAsync("lab\r\n"u8.ToArray(), cts.Token);
        await ReadUntilAsync(telnet.Stream, "Password:", cts.Token);
        await telnet.Stream.WriteAsync("lab\r\n"u8.ToArray(), cts.Token);
        await ReadUntilAsync(telnet.Stream, $"{Ios.Name}>", cts.Token);
        await telnet.Stream.WriteAsync("show clock\r\n"u8.ToArray(), cts.Token);
        Assert.Contains("UTC", await ReadUntilAsync(telnet.Stream, $"{Ios.Name}>", cts.Token));
    }

    [Fact]
    public void The_inventory_lists_every_device_per_transport_with_its_url_and_driver()
    {
        string yaml = _lab.ToInventoryYaml();
        Assert.Contains("defaults:\n  username: \"lab\"\n  password: \"lab\"\n", yaml);
        foreach (LabHostDevice device in _lab.Devices)
        {
            Assert.Contains($"  \"{device.Name}-ssh\":\n    url: \"ssh://127.0.0.1:{device.SshPort}\"\n    driver: \"{device.Profile}\"\n", yaml);
            Assert.Contains($"  \"{device.Name}-telnet\":\n    url: \"telnet://127.0.0.1:{device.TelnetPort}\"\n", yaml);
        }
        Assert.DoesNotContain("enable_password", yaml);
    }

    [Fact]
    public async Task Bad_options_are_refused_with_a_clear_message()
    {
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => LabHost.StartAsync(new LabHostOptions { Profiles = ["nosuchos"] }));
        Assert.Contains("nosuchos", unknown.Message);
        Assert.Contains("ios", unknown.Message);
        var range = await Assert.ThrowsAsync<ArgumentException>(() => LabHost.StartAsync(new LabHostOptions { Devices = 10, SshBasePort = 65530 }));
        Assert.Contains("65530", range.Message);
    }

    private static async Task<string> ReadUntilAsync(Stream stream, string text, CancellationToken ct)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains(text, StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer, ct);
            Assert.True(n > 0, $"stream ended before '{text}': {seen}");
            seen.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return seen.ToString();
    }
}
