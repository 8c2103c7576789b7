using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Vty.Diagnostics;

namespace Vty.Cli.Telemetry;

/// <summary>
/// The process's logging and OpenTelemetry export, set up from the global options before a command
/// runs and flushed when it ends. Commands take their loggers from <see cref="LoggerFactory"/>.
/// Only the CLI references the OpenTelemetry SDK; the libraries report through System.Diagnostics.
/// </summary>
internal sealed class CliTelemetry : IAsyncDisposable
{
    /// <summary>The standard variable naming a collector when <c>--otlp</c> is not given.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private readonly ILoggerFactory? _loggers;
    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;

    private CliTelemetry(ILoggerFactory? loggers, TracerProvider? tracer, MeterProvider? meter)
    {
        _loggers = loggers;
        _tracer = tracer;
        _meter = meter;
    }

    /// <summary>The loggers of this process (a null factory unless -v was given).</summary>
    public static ILoggerFactory LoggerFactory { get; private set; } = NullLoggerFactory.Instance;

    /// <summary>The loggers when -v was given, else null (so libraries skip building log messages).</summary>
    public static ILoggerFactory? LoggerFactoryOrNull => LoggerFactory is NullLoggerFactory ? null : LoggerFactory;

    /// <summary>
    /// Starts logging and export as the command line asks; a bad <c>--otlp</c> URL is a
    /// <see cref="Output.UsageException"/>.
    /// </summary>
    public static CliTelemetry Start(ParseResult parse)
    {
        ILoggerFactory? loggers = null;
        if (GlobalOptions.LevelOf(GlobalOptions.Verbosity(parse)) is LogLevel level)
        {
            bool colours = !Console.IsErrorRedirected;
            loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
                .SetMinimumLevel(level)
                // Vty's own categories at the asked level; libraries underneath only when they warn.
                .AddFilter((category, l) => l >= level && (category?.StartsWith("Vty", StringComparison.Ordinal) == true || l >= LogLevel.Warning))
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                    o.UseUtcTimestamp = false;
                    o.ColorBehavior = colours ? LoggerColorBehavior.Default : LoggerColorBehavior.Disabled;
                })
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
            LoggerFactory = loggers;
        }

        (TracerProvider? tracer, MeterProvider? meter) = StartExport(GlobalOptions.OtlpEndpoint(parse));
        return new CliTelemetry(loggers, tracer, meter);
    }

    private static (TracerProvider?, MeterProvider?) StartExport(string? url)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EndpointVariable);
        if (url is null && string.IsNullOrWhiteSpace(fromEnvironment))
            return (null, null);
        Uri? endpoint = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
            throw new Output.UsageException($"--otlp must be an http:// or https:// URL, not '{url}'", "e.g. --otlp http://localhost:4318 (an OpenTelemetry collector's OTLP/HTTP port)");

        string version = typeof(VtyTelemetry).Assembly.GetName().Version?.ToString() ?? "0";
        ResourceBuilder resource = ResourceBuilder.CreateDefault().AddService("vty", serviceVersion: version);
        TracerProvider tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(VtyTelemetry.Name)
            .AddOtlpExporter(o => Configure(o, endpoint, "v1/traces"))
            .Build();
        MeterProvider meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(VtyTelemetry.Name)
            .AddOtlpExporter((o, reader) =>
            {
                Configure(o, endpoint, "v1/metrics");
                // A run's metrics go out when it ends; long runs (backup --every) also once a minute.
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build();
        return (tracer, meter);
    }

    // --otlp names the collector as OTEL_EXPORTER_OTLP_ENDPOINT does (the base URL), over
    // OTLP/HTTP; without it the exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
    private static void Configure(OtlpExporterOptions options, Uri? endpoint, string signalPath)
    {
        if (endpoint is null)
            return;
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        string text = endpoint.AbsoluteUri;
        options.Endpoint = new Uri(text.EndsWith('/') ? text + signalPath : text + "/" + signalPath);
    }

    public ValueTask DisposeAsync()
    {
        // Shutting the providers down exports what is left: the last spans, and the metrics collected one last time.
        _tracer?.Dispose();
        _meter?.Dispose();
        if (_loggers is not null)
        {
            LoggerFactory = NullLoggerFactory.Instance;
            // Disposing the console provider writes out the lines still queued.
            _loggers.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
