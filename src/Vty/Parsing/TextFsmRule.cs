using System.Text.RegularExpressions;

namespace Vty.Parsing;

/// <summary>What a matching rule does with the input line.</summary>
internal enum TextFsmLineAction
{
    Next,
    Continue,
    Error,
}

/// <summary>What a matching rule does with the record being built.</summary>
internal enum TextFsmRecordAction
{
    NoRecord,
    Record,
    Clear,
    Clearall,
}

/// <summary>One <c>^regex -> Action NewState</c> line of a state.</summary>
internal sealed class TextFsmRule
{
    /// <summary>Target index for "stay in the current state".</summary>
    public const int Stay = -1;

    /// <summary>Target index for the End pseudo-state.</summary>
    public const int End = -2;

    /// <summary>Target index for the EOF pseudo-state (when not declared).</summary>
    public const int Eof = -3;

    public required int Line { get; init; }

    /// <summary>The regex part as written (before <c>${VALUE}</c> substitution).</summary>
    public required string Written { get; init; }

    /// <summary>The rule's regex, anchored at the line start (interpreted, later compiled).</summary>
    public required Regex Regex { get; set; }

    /// <summary>The translated pattern, kept for compiling the regex later.</summary>
    public required PythonRegex Translated { get; init; }

    /// <summary>Options for this rule's regex: only named groups capture unless the pattern refers to groups by number.</summary>
    public static RegexOptions OptionsFor(PythonRegex translated, bool compiled) =>
        (translated.UsesGroupNumbers ? RegexOptions.None : RegexOptions.ExplicitCapture) | (compiled ? RegexOptions.Compiled : RegexOptions.None);

    /// <summary>(.NET group number, value index) for each named group that is a Value, in Python's group order.</summary>
    public required (int Group, int Value)[] Assignments { get; init; }

    public TextFsmLineAction LineAction { get; init; }

    public TextFsmRecordAction RecordAction { get; init; }

    /// <summary>The new state's name as written (or the Error message), or null.</summary>
    public string? NewState { get; init; }

    /// <summary>Index of the new state, or <see cref="Stay"/>, <see cref="End"/>, <see cref="Eof"/>.</summary>
    public int Target { get; set; } = Stay;
}
