using System.CommandLine;
using Vty.Cli.Output;
using Vty.Cli.Platform;
using Vty.Devices;
using Vty.Inventory;
using Vty.Protocols;

namespace Vty.Cli.Commands;

/// <summary><c>vty shell URL</c>: logs in and hands the session to the local terminal (Ctrl-] leaves).</summary>
internal static class ShellCommand
{
    /// <param name="input">Where keystrokes come from; null: the console (put in raw mode while the shell runs).</param>
    public static Command Create(Func<Stream>? input = null)
    {
        var url = new Argument<string>("url") { Description = "The host: ssh://[user@]host[:port], telnet://host[:port] or dummy://name." };
        var driver = new Option<string?>("--driver", "-d") { Description = "Driver (default: guess)." };
        var enable = new Option<bool>("--enable") { Description = "Enter privileged mode before handing over." };
        var user = new Option<string?>("--user", "-u") { Description = "Login name when the URL has none." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces for errors." };
        Option<string?> drivers = DriverCatalogOption.Create();
        var command = new Command("shell", "Log in to a host and use its CLI interactively from this terminal (Ctrl-] to leave).");
        command.Arguments.Add(url);
        command.Options.Add(driver);
        command.Options.Add(enable);
        command.Options.Add(user);
        command.Options.Add(debug);
        command.Options.Add(drivers);
        // ssh's connection options (-F -J -i -l -p -o -A …), applied to ssh:// hosts as vty exec applies them.
        var ssh = new Ssh.SshCommandLineOptions();
        ssh.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter stderr = parse.InvocationConfiguration.Error;
            try
            {
                InventoryHost host;
                try
                {
                    host = InventoryHost.FromUrl(parse.GetValue(url)!, new HostSettings { Driver = parse.GetValue(driver), Username = parse.GetValue(user) });
                }
                catch (InventoryException e)
                {
                    throw new UsageException(e.Message, RunFleetOptions.UrlHint);
                }
                bool terminal = input is null && !Console.IsInputRedirected;
                bool batch = Uri.TryCreate(host.Url, UriKind.Absolute, out Uri? uri) && uri.Scheme == "ssh" && ssh.IsBatchMode(parse, uri.Host);
                var secrets = new SecretResolver(prompt: terminal && !batch ? SecretPrompt.AskAsync : null);
                HostCredentials credentials = await secrets.ResolveAsync(host, ct).ConfigureAwait(false);
                await using DeviceSession device = await DeviceConnector.ConnectAsync(host, credentials,
                    new DeviceConnectOptions
                    {
                        Enable = parse.GetValue(enable),
                        DriverCatalog = DriverCatalogOption.Load(parse.GetValue(drivers)),
                        LoggerFactory = Telemetry.CliTelemetry.LoggerFactoryOrNull,
                        ConfigureSsh = RunJobOptions.ConfigureSsh(parse, ssh),
                    }, cancellationToken: ct).ConfigureAwait(false);
                await stderr.WriteLineAsync($"vty: connected to {host.Name} ({device.Driver.Name}); Ctrl-] leaves").ConfigureAwait(false);

                if (input is null && InteractiveTerminal.IsAvailable)
                {
                    await InteractiveTerminal.RunAsync(device.Protocol, stderr, ct).ConfigureAwait(false);
                }
                else
                {
                    // Keys from a pipe (or the caller's stream): nothing to put in raw mode.
                    Stream keys = input?.Invoke() ?? Console.OpenStandardInput();
                    Stream screen = new TextWriterStream(parse.InvocationConfiguration.Output);
                    await device.Protocol.SendAsync(device.Protocol.LineEnding, ct).ConfigureAwait(false);
                    await device.Protocol.InteractAsync(keys, screen, new InteractOptions(), ct).ConfigureAwait(false);
                }
                await stderr.WriteLineAsync().ConfigureAwait(false);
                await stderr.WriteLineAsync($"vty: left {host.Name}").ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException)
            {
                return RunFleetExecutor.InterruptedExitCode;
            }
            catch (Exception e)
            {
                return CliError.Report(stderr, e, parse.GetValue(debug));
            }
        });
        return command;
    }
}
