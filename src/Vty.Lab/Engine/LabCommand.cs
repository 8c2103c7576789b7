using System.Text.RegularExpressions;

namespace Vty.Lab;

/// <summary>
/// One entry of a profile's command table: a syntax (keywords and arguments, see
/// <see cref="LabSyntaxElement.ParseSyntax"/>) valid in some modes, and the handler that runs it.
/// </summary>
public sealed class LabCommand
{
    /// <summary>Creates a command valid in the given modes ("*" = every mode).</summary>
    public LabCommand(string syntax, string[] modes, LabHandler handler, bool hidden = false)
    {
        Syntax = syntax;
        Elements = LabSyntaxElement.ParseSyntax(syntax);
        if (Elements.Count == 0)
            throw new ArgumentException("A command needs at least one keyword.", nameof(syntax));
        Modes = modes;
        Handler = handler;
        Hidden = hidden;
    }

    /// <summary>
    /// Creates a command matched by a regular expression against the whole typed line (before any
    /// <c>|</c> modifier). Named groups become arguments. Regex commands are tried before the
    /// keyword table, in order, so they can also override a keyword command.
    /// </summary>
    public LabCommand(Regex pattern, string[] modes, LabHandler handler)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        Syntax = pattern.ToString();
        Elements = [];
        Modes = modes;
        Handler = handler;
    }

    /// <summary>The regular expression of a regex command, or null for a keyword command.</summary>
    public Regex? Pattern { get; }

    /// <summary>The syntax as written.</summary>
    public string Syntax { get; }

    /// <summary>The parsed syntax.</summary>
    public IReadOnlyList<LabSyntaxElement> Elements { get; }

    /// <summary>Mode names where the command is valid; "*" means all.</summary>
    public IReadOnlyList<string> Modes { get; }

    /// <summary>The handler.</summary>
    public LabHandler Handler { get; }

    /// <summary>Hidden commands match only when every keyword is typed in full.</summary>
    public bool Hidden { get; }

    /// <summary>True when the command is valid in <paramref name="mode"/>.</summary>
    public bool IsValidIn(string mode)
    {
        foreach (string m in Modes)
        {
            if (m == "*" || m == mode)
                return true;
        }
        return false;
    }
}
