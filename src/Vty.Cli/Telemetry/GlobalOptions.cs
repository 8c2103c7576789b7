using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Vty.Cli.Telemetry;

/// <summary>
/// The options every command takes: <c>-v</c>, <c>-vv</c>, <c>-vvv</c> (console logging to stderr at
/// information, debug and trace) and <c>--otlp URL</c> (metrics and traces to an OpenTelemetry collector).
/// </summary>
internal static class GlobalOptions
{
    public const string Verbose = "--verbose";
    public const string Debug = "-vv";
    public const string Trace = "-vvv";
    public const string Otlp = "--otlp";

    /// <summary>Adds the options to <paramref name="root"/>, for it and every subcommand.</summary>
    public static void AddTo(RootCommand root)
    {
        root.Options.Add(new Option<bool>(Verbose, "-v") { Description = "Log what Vty does to stderr (-vv: debug, -vvv: trace). Secrets are never logged.", Recursive = true });
        root.Options.Add(new Option<bool>(Debug) { Description = "Log at debug level: key exchange, host keys, authentication methods, prompts, commands.", Recursive = true, Hidden = true });
        root.Options.Add(new Option<bool>(Trace) { Description = "Log at trace level: also byte counts and Telnet negotiation details.", Recursive = true, Hidden = true });
        root.Options.Add(new Option<string?>(Otlp)
        {
            Description = "Export metrics and traces over OTLP/HTTP to this collector URL (e.g. http://localhost:4318); OTEL_EXPORTER_OTLP_ENDPOINT works too.",
            Recursive = true,
        });
    }

    /// <summary>0 without -v; 1, 2 or 3 for -v, -vv, -vvv.</summary>
    public static int Verbosity(ParseResult parse) =>
        IsSet(parse, Trace) ? 3 : IsSet(parse, Debug) ? 2 : IsSet(parse, Verbose) ? 1 : 0;

    /// <summary>The log level a verbosity asks for, or null for no logging.</summary>
    public static LogLevel? LevelOf(int verbosity) => verbosity switch
    {
        <= 0 => null,
        1 => LogLevel.Information,
        2 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    /// <summary>The <c>--otlp</c> URL, or null.</summary>
    public static string? OtlpEndpoint(ParseResult parse)
    {
        try
        {
            return parse.GetValue<string?>(Otlp);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // A command tree without the global options (a test building one command) has no such values.
    private static bool IsSet(ParseResult parse, string name)
    {
        try
        {
            return parse.GetValue<bool>(name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
