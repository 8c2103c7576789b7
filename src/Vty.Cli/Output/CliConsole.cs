using Spectre.Console;

namespace Vty.Cli.Output;

/// <summary>
/// Builds the Spectre console for a command's output writer: colours and live progress only when
/// the writer is the real terminal; plain, wide text when output is piped or captured by tests.
/// </summary>
internal static class CliConsole
{
    /// <summary>True when <paramref name="writer"/> is the process's stdout or stderr and that stream is a terminal.</summary>
    public static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>
    /// Where tables, progress and notes go: stdout when it is a terminal (a person reads it all),
    /// else stderr, so a pipe or file receives only results.
    /// </summary>
    public static IAnsiConsole ForDiagnostics(TextWriter stdout, TextWriter stderr) =>
        Create(IsTerminal(stdout) ? stdout : stderr);

    public static IAnsiConsole Create(TextWriter writer)
    {
        bool terminal = IsTerminal(writer);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
            console.Profile.Width = 160; // pipes and files: no wrapping at 80 columns
        return console;
    }
}
