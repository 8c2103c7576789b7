using Spectre.Console;
using Vty.Fleet;

namespace Vty.Cli.Output;

/// <summary>The end-of-run table: one row per host (status, driver, time, first output line or the failure reason) and the totals.</summary>
internal static class SummaryTable
{
    private const int MaxDetail = 70;

    public static void Write(IAnsiConsole console, FleetReport report)
    {
        // Keep one line per host: the detail column gets what the other columns leave.
        int longestName = report.Results.Count == 0 ? 4 : report.Results.Max(r => r.Host.Name.Length);
        int maxDetail = Math.Clamp(console.Profile.Width - longestName - 52, 16, MaxDetail);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("host").AddColumn("via").AddColumn("status").AddColumn("driver")
            .AddColumn(new TableColumn("time").RightAligned()).AddColumn("detail");
        foreach (HostResult result in report.Results.OrderBy(r => NaturalKey(r.Host.Name), StringComparer.Ordinal))
        {
            string status = result.Ok ? "[green]ok[/]" : $"[red]{Markup.Escape(Describe(result.Failure))}[/]";
            string detail = result.Ok ? FirstOutputLine(result) : result.Error ?? "";
            table.AddRow(
                Markup.Escape(result.Host.Name),
                Markup.Escape(Scheme(result.Host.Url)),
                status,
                Markup.Escape(result.Driver ?? "-"),
                $"{result.Elapsed.TotalSeconds:0.00} s",
                Markup.Escape(Shorten(detail, maxDetail)));
        }
        console.Write(table);
        string notStarted = report.NotStarted.Count > 0 ? $", {report.NotStarted.Count} not started" : "";
        string cancelled = report.Cancelled ? " (interrupted)" : "";
        console.MarkupLine($"[bold]{report.Results.Count} hosts[/]: [green]{report.Succeeded} ok[/], " +
            $"{(report.Failed > 0 ? "[red]" : "[green]")}{report.Failed} failed[/]{notStarted} in {report.Elapsed.TotalSeconds:0.0} s{cancelled}");
    }

    public static string Describe(FailureKind kind) => kind switch
    {
        FailureKind.Unreachable => "unreachable",
        FailureKind.LoginFailed => "login failed",
        FailureKind.HostKey => "host key refused",
        FailureKind.NotStarted => "not started",
        FailureKind.CommandError => "command error",
        FailureKind.Timeout => "timeout",
        FailureKind.Cancelled => "cancelled",
        FailureKind.Configuration => "config error",
        FailureKind.LocalFile => "local file",
        FailureKind.None => "ok",
        _ => "failed",
    };

    private static string FirstOutputLine(HostResult result)
    {
        foreach (CommandOutput output in result.Results)
            foreach (string line in output.Output.Split('\n'))
                if (line.Trim().Length > 0)
                    return line.Trim();
        return "";
    }

    private static string Scheme(string url)
    {
        int sep = url.IndexOf("://", StringComparison.Ordinal);
        return sep > 0 ? url[..sep] : "-";
    }

    /// <summary>Sorts r2 before r10: runs of digits are padded to a fixed width.</summary>
    private static string NaturalKey(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"\d+", m => m.Value.PadLeft(10, '0'), System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
