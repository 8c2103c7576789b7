namespace Vty.Fleet;

/// <summary>What one command (or step) printed on one host, and how long it took.</summary>
public sealed record CommandOutput(string Command, string Output, TimeSpan Elapsed)
{
    /// <summary>Why the device (or the session) refused this command, one line; null when it worked.</summary>
    public string? Error { get; init; }

    /// <summary>True when the command worked (<see cref="Error"/> is null).</summary>
    public bool Ok => Error is null;

    /// <summary>The output parsed by a TextFSM template (<c>--parse</c>), or null when not parsed.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>>? Parsed { get; init; }

    /// <summary>Why parsing was asked for but gave nothing (no template, template error), or null.</summary>
    public string? ParseError { get; init; }
}
