using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>Runs the built <c>vty</c> as a child process, for what in-process runs cannot show (console logging, environment, exporters).</summary>
internal static class VtyProcess
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Vty.Cli");

    public static async Task<CliRunner.Outcome> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            // No exporter of the developer's shell may receive the test's telemetry.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = environment?.TryGetValue("OTEL_EXPORTER_OTLP_ENDPOINT", out string? endpoint) == true ? endpoint : "",
        };
        var (code, stdout, stderr, _) = await ManagedProcess.RunCapturedAsync(Path, args, env, TimeSpan.FromSeconds(90));
        return new CliRunner.Outcome(code, stdout, stderr);
    }
}
