using Spectre.Console;
using Vty.Fleet;

namespace Vty.Cli.Output;

/// <summary>
/// Prints one host's outputs under a header with its name (a rule on a terminal, a plain
/// <c>==&gt; host (driver) status &lt;==</c> line in a pipe), or its failure reason.
/// </summary>
internal sealed class HostOutputPrinter(IAnsiConsole console, bool debug, bool terminal) : IFleetObserver
{
    public ValueTask HostFinishedAsync(HostResult result, CancellationToken cancellationToken)
    {
        string status = result.Ok ? "[green]ok[/]" : $"[red]{Markup.Escape(SummaryTable.Describe(result.Failure))}[/]";
        string driver = result.Driver is null ? "" : $" ({Markup.Escape(result.Driver)})";
        if (terminal)
            console.Write(new Rule($"{Markup.Escape(result.Host.Name)}{driver} {status}").LeftJustified());
        else
            console.MarkupLine($"==> {Markup.Escape(result.Host.Name)}{driver} {status} <==");
        foreach (CommandOutput output in result.Results)
        {
            console.MarkupLine($"[bold]> {Markup.Escape(output.Command)}[/]");
            if (output.Parsed is not null)
            {
                console.Write(ParsedTable.Create(output.Parsed));
                continue;
            }

            string text = output.Output.TrimEnd('\n');
            if (text.Length > 0)
                console.WriteLine(text);
            // The host's own error line follows when this command is what failed it: say it once.
            if (output.Error is not null && output.Error != result.Error)
                console.MarkupLine($"[red]error:[/] {Markup.Escape(output.Error)}");
            if (output.ParseError is not null)
                console.MarkupLine($"[yellow]not parsed:[/] {Markup.Escape(output.ParseError)}");
        }
        if (!result.Ok)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(result.Error ?? "failed")}");
            if (debug && result.Exception is not null)
                console.WriteLine(result.Exception.ToString());
        }
        return ValueTask.CompletedTask;
    }
}
