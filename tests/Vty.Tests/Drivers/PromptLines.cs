using Vty.Text;

namespace Vty.Tests.Drivers;

internal static class PromptLines
{
    /// <summary>The current (last) line of <paramref name="raw"/> once cleaned, as a prompt matcher sees it.</summary>
    public static string LastLine(string raw)
    {
        string cleaned = TerminalCleaner.Clean(raw);
        return cleaned[(cleaned.LastIndexOf('\n') + 1)..];
    }
}
