namespace Vty.Parsing;

/// <summary>A named state and its rules, tried in order for each input line.</summary>
internal sealed class TextFsmState(string name, int line)
{
    public string Name { get; } = name;

    public int Line { get; } = line;

    public List<TextFsmRule> Rules { get; } = [];

    /// <summary>The rules as an array once the template is complete (the hot loop walks it).</summary>
    public TextFsmRule[] RuleArray { get; set; } = [];

    /// <summary>
    /// When every rule has a required literal: all of them, searched at once. A line holding none
    /// of them matches no rule of the state, and one vectorised search says so.
    /// </summary>
    public System.Buffers.SearchValues<string>? AnyLiteral { get; set; }

}
