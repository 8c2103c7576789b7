namespace Vty.Lab;

/// <summary>
/// An output modifier typed after <c>|</c> (<c>include</c>, <c>exclude</c>, <c>begin</c>, <c>no-more</c>,
/// <c>match</c>, <c>display set</c> …). Its syntax is matched like a command's.
/// </summary>
public sealed class LabPipeFilter
{
    /// <summary>Creates a filter.</summary>
    public LabPipeFilter(string syntax, Func<IEnumerable<string>, LabCommandContext, IEnumerable<string>> apply, bool disablesPaging = false)
    {
        Syntax = syntax;
        Elements = LabSyntaxElement.ParseSyntax(syntax);
        Apply = apply;
        DisablesPaging = disablesPaging;
    }

    /// <summary>The syntax as written, e.g. <c>include &lt;pattern...&gt;</c>.</summary>
    public string Syntax { get; }

    /// <summary>The parsed syntax.</summary>
    public IReadOnlyList<LabSyntaxElement> Elements { get; }

    /// <summary>Transforms the command's output lines; the context's arguments are the filter's.</summary>
    public Func<IEnumerable<string>, LabCommandContext, IEnumerable<string>> Apply { get; }

    /// <summary>True for <c>no-more</c>: the output is not paged.</summary>
    public bool DisablesPaging { get; }
}
