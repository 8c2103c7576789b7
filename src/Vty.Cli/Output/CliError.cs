using Vty.Inventory;
using Vty.Tasks;

namespace Vty.Cli.Output;

/// <summary>
/// Prints a command's fatal error as one clear line plus a hint; the stack trace only with
/// <c>--debug</c>. Exit codes: 2 for bad input (usage, inventory, task file), 1 otherwise.
/// </summary>
internal static class CliError
{
    public const int UsageExitCode = 2;

    public static int Report(TextWriter error, Exception exception, bool debug)
    {
        (string message, string? hint, int code) = Describe(exception);
        error.WriteLine($"vty: {message}");
        if (hint is not null)
            error.WriteLine($"hint: {hint}");
        if (debug)
            error.WriteLine(exception.ToString());
        return code;
    }

    private static (string Message, string? Hint, int Code) Describe(Exception e) => e switch
    {
        InventoryException => (e.Message, "check the inventory file; see docs/user-guide.md (Inventory)", UsageExitCode),
        TaskFileException => (e.Message, "check the task file; see docs/user-guide.md (Tasks)", UsageExitCode),
        UsageException u => (u.Message, u.Hint, UsageExitCode),
        IOException => (e.Message, "check the path and its permissions", 1),
        _ => (FirstLine(e.Message), "run again with --debug for details", 1),
    };

    private static string FirstLine(string text)
    {
        int newline = text.IndexOf('\n');
        return (newline < 0 ? text : text[..newline]).TrimEnd('\r');
    }
}
