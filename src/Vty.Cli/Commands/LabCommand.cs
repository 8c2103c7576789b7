using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Vty.Cli.Output;
using Vty.Lab;
using Vty.Lab.Serving;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty lab</c>: serves N emulated devices on 127.0.0.1 over SSH and Telnet (device i on
/// SSH port P+i and Telnet port Q+i, or ephemeral ports) until SIGINT or SIGTERM.
/// </summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var devices = new Option<int>("--devices", "-n") { Description = "Number of emulated devices.", DefaultValueFactory = _ => 1 };
        var profiles = new Option<string>("--profiles") { Description = $"Device profiles, assigned round-robin ({string.Join(", ", DeviceProfiles.Names)}).", DefaultValueFactory = _ => "ios" };
        var sshPort = new Option<int>("--ssh-port") { Description = "SSH port of the first device; device i gets PORT+i (0: ephemeral ports).", DefaultValueFactory = _ => 0 };
        var telnetPort = new Option<int>("--telnet-port") { Description = "Telnet port of the first device; device i gets PORT+i (0: ephemeral ports).", DefaultValueFactory = _ => 0 };
        var noSsh = new Option<bool>("--no-ssh") { Description = "Do not serve SSH." };
        var noTelnet = new Option<bool>("--no-telnet") { Description = "Do not serve Telnet." };
        var inventoryOut = new Option<string?>("--inventory-out") { Description = "Write an inventory of the lab (for vty run --inventory) to this file." };
        var user = new Option<string>("--user") { Description = "Login name on every device.", DefaultValueFactory = _ => "lab" };
        var password = new Option<string>("--password") { Description = "Login password on every device (a throwaway lab secret).", DefaultValueFactory = _ => "lab" };
        var enablePassword = new Option<string>("--enable-password") { Description = "Enable password on every device.", DefaultValueFactory = _ => "lab" };
        var hostKeys = new Option<string?>("--host-keys") { Description = "Folder to load SSH host keys from, or create them in (default: new keys each run)." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces for errors." };

        var command = new Command("lab", "Serve emulated network devices (IOS, Junos, EOS, …) over SSH and Telnet on 127.0.0.1 until Ctrl-C.");
        foreach (Option option in new Option[] { devices, profiles, sshPort, telnetPort, noSsh, noTelnet, inventoryOut, user, password, enablePassword, hostKeys, debug })
            command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            try
            {
                var options = new LabHostOptions
                {
                    Devices = parse.GetValue(devices),
                    Profiles = (parse.GetValue(profiles) ?? "ios").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                    SshBasePort = parse.GetValue(sshPort),
                    TelnetBasePort = parse.GetValue(telnetPort),
                    Ssh = !parse.GetValue(noSsh),
                    Telnet = !parse.GetValue(noTelnet),
                    Username = parse.GetValue(user) ?? "lab",
                    Password = parse.GetValue(password) ?? "lab",
                    EnablePassword = parse.GetValue(enablePassword),
                    HostKeyDirectory = parse.GetValue(hostKeys),
                    // A served lab behaves like a running router: uptime and clock move (backups see volatile lines).
                    ConfigureDevice = (_, device) => device.ClockRuns = true,
                    Logger = Telemetry.CliTelemetry.LoggerFactoryOrNull?.CreateLogger("Vty.Lab"),
                };
                return await RunAsync(options, parse.GetValue(inventoryOut), output, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                return CliError.Report(error, new UsageException(e.Message, "see vty lab --help"), parse.GetValue(debug));
            }
            catch (SocketException e)
            {
                return CliError.Report(error, new UsageException($"cannot listen: {e.Message}", "a fixed port is taken; pick other --ssh-port/--telnet-port values or 0 for ephemeral ports"), parse.GetValue(debug));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliError.Report(error, e, parse.GetValue(debug));
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(LabHostOptions options, string? inventoryPath, TextWriter output, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // SIGINT (Ctrl-C) and SIGTERM both stop the lab cleanly: sessions get closed, not cut.
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        await using LabHost lab = await LabHost.StartAsync(options, stop.Token).ConfigureAwait(false);
        PrintDevices(lab, output);
        if (inventoryPath is not null)
        {
            await lab.WriteInventoryAsync(inventoryPath, stop.Token).ConfigureAwait(false);
            await output.WriteLineAsync($"inventory written to {inventoryPath}").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"lab ready: {lab.Devices.Count} devices, user {options.Username}. Press Ctrl-C to stop.").ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await output.WriteLineAsync("stopping the lab…").ConfigureAwait(false);
        await lab.StopAsync().ConfigureAwait(false);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            try { stop.Cancel(); }
            catch (ObjectDisposedException) { }
        }
    }

    private static void PrintDevices(LabHost lab, TextWriter output)
    {
        const int MaxListed = 50;
        foreach (LabHostDevice device in lab.Devices.Take(MaxListed))
        {
            string ssh = device.SshPort is { } s ? s.ToString(CultureInfo.InvariantCulture) : "-";
            string telnet = device.TelnetPort is { } t ? t.ToString(CultureInfo.InvariantCulture) : "-";
            output.WriteLine($"{device.Name,-14} {device.Profile,-8} ssh {ssh,-6} telnet {telnet}");
        }
        if (lab.Devices.Count > MaxListed)
            output.WriteLine($"… and {lab.Devices.Count - MaxListed} more (use --inventory-out FILE for the full list)");
    }
}
