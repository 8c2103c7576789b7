using System.Text.Json;
using Vty.Lab.Serving;
using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// <c>-v</c>, <c>-vv</c>, <c>-vvv</c> turn on console logging to stderr at information, debug and
/// trace; with a known password, enable secret and key passphrase in play, neither stream ever shows one.
/// </summary>
public sealed class LoggingTests
{
    private const string Password = "Pw-Login-7fQ2zz";
    private const string EnableSecret = "En-Secret-9xK4yy";
    private const string Passphrase = "Kp-Phrase-3mW8vv";

    private static readonly string[] NoKnownHosts = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"];

    private static Task<LabHost> StartLabAsync() => LabHost.StartAsync(new LabHostOptions
    {
        Devices = 2,
        Profiles = ["ios", "ios"],
        Password = Password,
        EnablePassword = EnableSecret,
    });

    private static async Task<string> EncryptedKeyAsync(TempDirectory dir)
    {
        string key = dir.File("id_ed25519");
        await ManagedProcess.RunCheckedAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", Passphrase, "-C", "vty-test", "-f", key);
        return key;
    }

    [Fact]
    public async Task Trace_logs_ssh_telnet_login_and_commands_but_never_a_secret()
    {
        await using LabHost lab = await StartLabAsync();
        using var dir = new TempDirectory("vty-log");
        string key = await EncryptedKeyAsync(dir);
        var env = new Dictionary<string, string>
        {
            ["VTY_PASSWORD"] = Password,
            ["VTY_ENABLE_PASSWORD"] = EnableSecret,
            ["VTY_KEY_PASSPHRASE"] = Passphrase,
        };

        CliRunner.Outcome run = await VtyProcess.RunAsync(
            ["run", $"ssh://lab@127.0.0.1:{lab.Devices[0].SshPort}", $"telnet://lab@127.0.0.1:{lab.Devices[1].TelnetPort}",
             "-c", "show running-config | include hostname", "--enable", "--json", "-i", key, "-vvv", .. NoKnownHosts], env);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(2, run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).Count());
        string log = run.Stderr;
        Assert.Contains("info: Vty.Fleet", log);
        Assert.Contains("dbug: Vty.Ssh", log);
        Assert.Contains("trce: ", log);
        Assert.Contains("key exchange", log);                     // SSH kex
        Assert.Contains("host key of 127.0.0.1", log);            // host key decision
        Assert.Contains("authentication: trying keyboard-interactive as lab", log); // SSH auth methods
        Assert.Contains("Telnet option", log);                    // Telnet negotiation
        Assert.Contains("driver ios", log);                       // driver choice
        Assert.Contains("learned prompt", log);                   // prompts
        Assert.Contains("execute 'show running-config | include hostname'", log); // commands
        Assert.Contains("mode user -> privileged", log);        // enable, answered with the secret
        foreach (string secret in new[] { Password, EnableSecret, Passphrase })
        {
            Assert.DoesNotContain(secret, run.Stdout);
            Assert.DoesNotContain(secret, log);
        }
        // Not even a secret's length.
        Assert.DoesNotContain($"{Password.Length} chars", log);
        Assert.DoesNotContain($"{EnableSecret.Length} chars", log);
    }

    [Fact]
    public async Task Each_v_adds_a_level_and_none_logs_nothing()
    {
        await using LabHost lab = await StartLabAsync();
        var env = new Dictionary<string, string> { ["VTY_PASSWORD"] = Password };
        string[] run = ["run", $"ssh://lab@127.0.0.1:{lab.Devices[0].SshPort}", "-c", "show clock", "--json", .. NoKnownHosts];

        CliRunner.Outcome quiet = await VtyProcess.RunAsync(run, env);
        CliRunner.Outcome info = await VtyProcess.RunAsync([.. run, "-v"], env);
        CliRunner.Outcome debug = await VtyProcess.RunAsync([.. run, "-vv"], env);

        Assert.True(quiet.ExitCode == 0 && info.ExitCode == 0 && debug.ExitCode == 0, quiet.Stderr + info.Stderr + debug.Stderr);
        Assert.DoesNotContain("info:", quiet.Stderr);
        Assert.Contains("info: Vty.Fleet[1001]", info.Stderr);       // the host's outcome
        Assert.Contains("connection open after", info.Stderr);
        Assert.DoesNotContain("dbug:", info.Stderr);
        Assert.Contains("dbug:", debug.Stderr);
        Assert.DoesNotContain("trce:", debug.Stderr);
        // Logging goes to stderr only: stdout stays one JSON line.
        Assert.Single(debug.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (CliRunner.Outcome outcome in new[] { quiet, info, debug })
            Assert.DoesNotContain(Password, outcome.Stdout + outcome.Stderr);
    }

    [Fact]
    public async Task Every_command_accepts_v()
    {
        using var dir = new TempDirectory("vty-log-parse");
        await File.WriteAllTextAsync(dir.File("out.txt"), "*09:26:53.000 UTC Fri Mar 14 2025\n");
        await File.WriteAllTextAsync(dir.File("clock.textfsm"), "Value TIME (\\S+)\n\nStart\n  ^\\*${TIME} -> Record\n");
        foreach (string[] args in new[]
        {
            new[] { "driver", "list", "-v" },
            ["parse", "--template", dir.File("clock.textfsm"), dir.File("out.txt"), "-vv"],
            ["run", "dummy://lab:lab@r1?profile=ios", "-c", "show clock", "-vvv"],
        })
        {
            CliRunner.Outcome outcome = await CliRunner.RunAsync(args);
            Assert.True(outcome.ExitCode == 0, string.Join(' ', args) + ": " + outcome.Stderr);
        }
    }
}
