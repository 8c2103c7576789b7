using Vty.Accounts;
using Vty.Devices;
using Vty.Devices.Exec;
using Vty.Lab.Serving;
using Vty.Protocols;
using Vty.Ssh;

namespace Vty.Examples;

/// <summary>
/// The seed scenarios, each against a lab device served in this process over vty's own SSH or
/// Telnet server (credentials lab / lab, enable password lab):
/// <c>dotnet run --project examples/Vty.Examples -- NAME</c>.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, (string Description, Func<Task> Run)> Scenarios = new()
    {
        ["telnet-loopbacks"] = ("Telnet login to a Cisco router and two loopback interfaces", TelnetLoopbacksAsync),
        ["ssh-ls"] = ("ls over SSH (exec channel) with its exit status", SshLsAsync),
        ["shell-vlans"] = ("an interactive-style session creating VLANs 2 to 5 with send/expect", ShellVlansAsync),
        ["config-vlans"] = ("a config set of VLANs, then show vlan brief", ConfigVlansAsync),
        ["app-account"] = ("Exscript-style login: one account for SSH, another for the device's own login", AppAccountAsync),
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1 || !Scenarios.TryGetValue(args[0], out var scenario))
        {
            Console.Error.WriteLine("usage: dotnet run --project examples/Vty.Examples -- NAME");
            foreach ((string name, var s) in Scenarios)
                Console.Error.WriteLine($"  {name,-18} {s.Description}");
            Console.Error.WriteLine("Fabric-style tasks (dir, diskspace): see examples/tasks.yaml and examples/README.md.");
            return 2;
        }
        await scenario.Run();
        return 0;
    }

    private static async Task<LabHost> StartLabAsync(string profile, bool ssh, bool telnet) =>
        await LabHost.StartAsync(new LabHostOptions { Devices = 1, Profiles = [profile], Ssh = ssh, Telnet = telnet });

    // The lab generates its host keys at start: nothing to check them against.
    private static ProtocolOptions LabOptions(string driver) => new() { Driver = driver, ConfigureSsh = ssh => ssh.HostKeyPolicy = HostKeyPolicy.Off };

    /// <summary>Seed: "Telnet login and two loopback interfaces on a Cisco router".</summary>
    private static async Task TelnetLoopbacksAsync()
    {
        await using LabHost lab = await StartLabAsync("ios", ssh: false, telnet: true);
        await using Protocol conn = await Protocol.ConnectAsync(lab.Devices[0].TelnetUrl!, LabOptions("ios"));
        await conn.LoginAsync(new Account("lab", "lab", "lab"));      // Username:/Password:, then enable
        await conn.AutoInitAsync();                                     // terminal length 0, width 0
        await using var router = new DeviceSession(conn, ownsProtocol: false);
        await router.SendConfigSetAsync(
        [
            "interface Loopback1", "ip address 10.0.0.1 255.255.255.255",
            "interface Loopback2", "ip address 10.0.0.2 255.255.255.255",
        ]);
        Console.WriteLine(await router.SendCommandAsync("show ip interface brief"));
    }

    /// <summary>Seed: "ls over SSH with exit status" (Fabric/subprocess style).</summary>
    private static async Task SshLsAsync()
    {
        await using LabHost lab = await StartLabAsync("linux", ssh: true, telnet: false);
        LabHostDevice device = lab.Devices[0];
        var options = new SshClientOptions { Host = "127.0.0.1", Port = device.SshPort!.Value, Username = "lab", Password = "lab", HostKeyPolicy = HostKeyPolicy.Off };
        await using var runner = new RemoteRunner(await SshRemoteExecutor.ConnectAsync(options, CancellationToken.None));
        RunResult ls = await runner.RunAsync("ls /");
        Console.WriteLine($"exit {ls.ExitCode}\n{ls.Stdout}");
        RunResult missing = await runner.RunAsync("ls /no/such/dir", new RunOptions { Check = false });
        Console.WriteLine($"exit {missing.ExitCode}: {missing.Stderr.Trim()}");
    }

    /// <summary>Seed: "an interactive shell creating VLANs 2 to 5" — typed line by line, waiting for each prompt.</summary>
    private static async Task ShellVlansAsync()
    {
        await using LabHost lab = await StartLabAsync("ios", ssh: true, telnet: false);
        await using Protocol conn = await Protocol.ConnectAsync(lab.Devices[0].SshUrl!, LabOptions("ios"));
        await conn.LoginAsync(new Account("lab", "lab", "lab"));
        await conn.AutoInitAsync();
        await conn.SendLineAsync("configure terminal");
        await conn.ExpectAsync(@"\(config\)# ?$");
        for (int vlan = 2; vlan <= 5; vlan++)
        {
            await conn.SendLineAsync($"vlan {vlan}");
            await conn.ExpectAsync(@"\(config-vlan\)# ?$");
            await conn.SendLineAsync($"name users-{vlan}");
            await conn.ExpectAsync(@"\(config-vlan\)# ?$");
        }
        await conn.SendLineAsync("end");
        await conn.ExpectPromptAsync();
        Console.WriteLine((await conn.ExecuteAsync("show vlan brief")).Output);
    }

    /// <summary>Seed: "a config set of VLANs then show vlan brief".</summary>
    private static async Task ConfigVlansAsync()
    {
        await using LabHost lab = await StartLabAsync("ios", ssh: true, telnet: false);
        await using Protocol conn = await Protocol.ConnectAsync(lab.Devices[0].SshUrl!, LabOptions("ios"));
        await conn.LoginAsync(new Account("lab", "lab", "lab"));
        await conn.AutoInitAsync();
        await using var sw = new DeviceSession(conn, ownsProtocol: false);
        ConfigSetResult result = await sw.SendConfigSetAsync(["vlan 10", "name users", "vlan 20", "name voice"]);
        Console.WriteLine($"{result.Lines.Count} lines accepted: {result.Ok}");
        Console.WriteLine(await sw.SendCommandAsync("show vlan brief"));
        Console.WriteLine(await sw.SaveConfigAsync());
    }

    /// <summary>
    /// Seed: "the Exscript login code for an account plus an app account": the first account
    /// authenticates the transport, the second answers the device's own Username:/Password: dialog.
    /// </summary>
    private static async Task AppAccountAsync()
    {
        await using LabHost lab = await StartLabAsync("ios", ssh: false, telnet: true);
        var account = new Account("lab", "lab");             // protocol level (SSH user; unused by Telnet)
        var appAccount = new Account("lab", "lab", "lab");   // the device's login dialog and enable
        await using Protocol conn = await Protocol.ConnectAsync(lab.Devices[0].TelnetUrl!, LabOptions("auto"));
        await conn.LoginAsync(account, appAccount);
        Console.WriteLine($"guessed OS: {conn.GuessOs()}, driver {conn.Driver.Name}");
        Console.WriteLine((await conn.ExecuteAsync("show clock")).Output);
    }
}
