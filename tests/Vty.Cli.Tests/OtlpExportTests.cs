using System.Text;
using Vty.Lab.Serving;

namespace Vty.Cli.Tests;

/// <summary><c>--otlp URL</c> and <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> really send traces and metrics over OTLP/HTTP.</summary>
public sealed class OtlpExportTests
{
    private static readonly string[] NoKnownHosts = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"];

    private static bool Holds(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    [Fact]
    public async Task Otlp_option_and_the_standard_variable_export_a_runs_traces_and_metrics()
    {
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions { Devices = 1, Profiles = ["ios"] });
        await using var collector = new OtlpReceiver();
        string[] run = ["run", $"ssh://lab@127.0.0.1:{lab.Devices[0].SshPort}", "-c", "show clock", "--json", .. NoKnownHosts];
        var env = new Dictionary<string, string> { ["VTY_PASSWORD"] = "lab" };

        CliRunner.Outcome option = await VtyProcess.RunAsync([.. run, "--otlp", collector.Url], env);

        Assert.True(option.ExitCode == 0, option.Stdout + option.Stderr);
        OtlpReceiver.Request[] requests = [.. collector.Requests];
        // The batch processor may send the spans in more than one request on a slow machine.
        Assert.Contains(requests, r => r.Path == "/v1/traces");
        byte[] traces = [.. requests.Where(r => r.Path == "/v1/traces").SelectMany(r => r.Body)];
        Assert.True(Holds(traces, "vty.host") && Holds(traces, "vty.command") && Holds(traces, "show clock"), "the spans of the host and its command");
        Assert.True(Holds(traces, "vty.status") && Holds(traces, "ios"));
        Assert.False(Holds(traces, "lab@"), "no URL user info in spans");
        byte[] metrics = [.. requests.Where(r => r.Path == "/v1/metrics").SelectMany(r => r.Body)];
        Assert.All(requests, r => Assert.Equal("application/x-protobuf", r.ContentType));
        foreach (string name in new[] { "vty.hosts", "vty.connections.opened", "vty.connection.handshake.duration", "vty.command.duration", "vty.login.duration", "vty.bytes.received", "vty.bytes.sent" })
            Assert.True(Holds(metrics, name), $"metric {name} exported");
        Assert.True(Holds(metrics, "Vty"), "the meter's name");

        collector.Requests.Clear();
        CliRunner.Outcome variable = await VtyProcess.RunAsync(run, new Dictionary<string, string>(env)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        Assert.True(variable.ExitCode == 0, variable.Stdout + variable.Stderr);
        Assert.Contains(collector.Requests, r => r.Path == "/v1/traces" && Holds(r.Body, "vty.host"));
        Assert.Contains(collector.Requests, r => r.Path == "/v1/metrics" && Holds(r.Body, "vty.hosts"));
    }

    [Fact]
    public async Task A_bad_otlp_url_is_a_usage_error()
    {
        CliRunner.Outcome run = await VtyProcess.RunAsync(["driver", "list", "--otlp", "localhost:4318"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--otlp must be an http:// or https:// URL", run.Stderr);
    }
}
