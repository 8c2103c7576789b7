using System.Diagnostics;
using System.Text.Json;
using Vty.TestSupport;

namespace Vty.Nats.Tests.Support;

/// <summary>Runs the built `vty` as real processes: workers in the background, submitters to completion.</summary>
internal static class Vty
{
    /// <summary>The CLI next to the tests (copied by the project reference).</summary>
    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "Vty.Cli.dll");

    public static string Dotnet { get; } = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    // A 2 s ack wait lets the tests that kill workers see redelivery soon; a test that passes its own
    // --ack-wait (one worker that must never see its own job again, even on a loaded machine) keeps it.
    public static ManagedProcess StartWorker(NatsServer nats, string name, IDictionary<string, string> environment, params string[] extra) =>
        ManagedProcess.Start(Dotnet, [CliDll, "worker", "--nats", nats.Url, "--name", name, .. extra.Contains("--ack-wait") ? Array.Empty<string>() : ["--ack-wait", "2"], "--drain-timeout", "20", .. extra], environment: environment);

    public static ManagedProcess Start(IDictionary<string, string>? environment, params string[] args) =>
        ManagedProcess.Start(Dotnet, [CliDll, .. args], environment: environment);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        var (code, stdout, stderr, _) = await ManagedProcess.RunCapturedAsync(Dotnet, [CliDll, .. args], environment, timeout);
        return (code, stdout, stderr);
    }

    /// <summary>Parses JSON lines output into host name → result object.</summary>
    public static List<JsonElement> JsonLines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends a signal to a process (SIGKILL = 9, SIGTERM = 15).</summary>
    public static void Signal(ManagedProcess process, int signal)
    {
        var (code, _) = ManagedProcess.RunAsync("/bin/kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).GetAwaiter().GetResult();
        if (code != 0)
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed");
    }
}
