using System.Text.RegularExpressions;

namespace Vty.Parsing;

/// <summary>One <c>Value</c> line of a template, as read.</summary>
internal sealed class TextFsmValueDefinition
{
    public required string Name { get; init; }

    /// <summary>The regex as written, including its outer parentheses.</summary>
    public required string Regex { get; init; }

    /// <summary>Options in the order written (the order their effects apply in).</summary>
    public required IReadOnlyList<TextFsmValueOption> Options { get; init; }

    public required int Line { get; init; }

    /// <summary>What <c>${Name}</c> stands for in rules: the regex with its first '(' made a named group.</summary>
    public string Substitution => "(?P<" + Name + ">" + Regex[1..];

    /// <summary>For List values with more than one group: the value's own regex, for nested named groups.</summary>
    public Regex? ListItemRegex { get; init; }

    /// <summary>Named groups of <see cref="ListItemRegex"/> in Python's order, with their .NET group numbers.</summary>
    public IReadOnlyList<(string Name, int Group)> ListItemGroups { get; init; } = [];

    public bool Has(TextFsmValueOption option) => Options.Contains(option);
}
