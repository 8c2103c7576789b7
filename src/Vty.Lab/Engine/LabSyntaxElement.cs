namespace Vty.Lab;

/// <summary>One element of a command's syntax: a keyword or an argument.</summary>
/// <param name="Kind">What it matches.</param>
/// <param name="Text">The keyword, or the argument's name.</param>
public sealed record LabSyntaxElement(LabSyntaxKind Kind, string Text)
{
    /// <summary>Parses a syntax string such as <c>show interfaces &lt;name:interface&gt;</c> or <c>echo [&lt;args...&gt;]</c>.</summary>
    public static LabSyntaxElement[] ParseSyntax(string syntax)
    {
        string[] parts = syntax.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var elements = new LabSyntaxElement[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string p = parts[i];
            bool optional = p.StartsWith("[<", StringComparison.Ordinal) && p.EndsWith(">]", StringComparison.Ordinal);
            if (optional)
                p = p[1..^1];
            if (p.StartsWith('<') && p.EndsWith('>'))
            {
                string inner = p[1..^1];
                LabSyntaxElement e;
                if (inner.EndsWith("...", StringComparison.Ordinal))
                    e = new(optional ? LabSyntaxKind.OptionalRest : LabSyntaxKind.Rest, inner[..^3]);
                else if (inner.EndsWith(":number", StringComparison.Ordinal))
                    e = new(LabSyntaxKind.Number, inner[..^7]);
                else if (inner.EndsWith(":interface", StringComparison.Ordinal))
                    e = new(LabSyntaxKind.Interface, inner[..^10]);
                else
                    e = new(LabSyntaxKind.Word, inner);
                if (optional && e.Kind != LabSyntaxKind.OptionalRest)
                    throw new ArgumentException($"Only a rest argument may be optional, in syntax '{syntax}'.", nameof(syntax));
                if (e.Kind is LabSyntaxKind.Rest or LabSyntaxKind.OptionalRest && i != parts.Length - 1)
                    throw new ArgumentException($"A rest argument must come last, in syntax '{syntax}'.", nameof(syntax));
                elements[i] = e;
            }
            else
            {
                elements[i] = new(LabSyntaxKind.Keyword, p);
            }
        }
        return elements;
    }
}
