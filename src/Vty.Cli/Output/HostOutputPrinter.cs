using Spectre.Console;
using Vty.Fleet;

namespace Vty.Cli.Output;

/// <summary>
/// Prints one host's outputs under a header with its name (a rule on a terminal, a plain
/// <c>==&gt; host (driver) status &lt;==</c> line in a pipe), or its failure reason. Output lines go
/// through <see cref="DirectConsoleText"/>: the same characters as Spectre would print, at a
/// fraction of the cost. The fleet runner calls observers one at a time, so a host's block is never
/// interleaved with another's.
/// </summary>
internal sealed class HostOutputPrinter(IAnsiConsole console, bool debug, bool terminal) : IFleetObserver
{
    private readonly DirectConsoleText _text = new(console);

    public ValueTask HostFinishedAsync(HostResult result, CancellationToken cancellationToken)
    {
        try
        {
            Print(result);
        }
        finally
        {
            _text.Flush();
        }
        return ValueTask.CompletedTask;
    }

    private void Print(HostResult result)
    {
        string statusText = result.Ok ? "ok" : SummaryTable.Describe(result.Failure);
        string status = result.Ok ? "[green]ok[/]" : $"[red]{Markup.Escape(statusText)}[/]";
        string driver = result.Driver is null ? "" : $" ({result.Driver})";
        string header = $"{Markup.Escape(result.Host.Name)}{Markup.Escape(driver)} {status}";
        if (terminal)
            _text.Write(new Rule(header).LeftJustified());
        else
            _text.MarkupLine($"==> {header} <==", $"==> {result.Host.Name}{driver} {statusText} <==");
        foreach (CommandOutput output in result.Results)
        {
            _text.MarkupLine($"[bold]> {Markup.Escape(output.Command)}[/]", "> " + output.Command);
            if (output.Parsed is not null)
            {
                _text.Write(ParsedTable.Create(output.Parsed));
                continue;
            }

            string text = output.Output.TrimEnd('\n');
            if (text.Length > 0)
                _text.WriteLine(text);
            // The host's own error line follows when this command is what failed it: say it once.
            if (output.Error is not null && output.Error != result.Error)
                _text.MarkupLine($"[red]error:[/] {Markup.Escape(output.Error)}", "error: " + output.Error);
            if (output.ParseError is not null)
                _text.MarkupLine($"[yellow]not parsed:[/] {Markup.Escape(output.ParseError)}", "not parsed: " + output.ParseError);
        }
        if (!result.Ok)
        {
            string error = result.Error ?? "failed";
            _text.MarkupLine($"[red]error:[/] {Markup.Escape(error)}", "error: " + error);
            if (debug && result.Exception is not null)
                _text.WriteLine(result.Exception.ToString());
        }
    }
}
