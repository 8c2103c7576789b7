namespace Vty.Devices;

/// <summary>The outcome of a configuration set, line by line, plus the commit's output when there was one.</summary>
public sealed record ConfigSetResult(IReadOnlyList<ConfigLineResult> Lines, string? CommitOutput)
{
    /// <summary>True when every line was accepted.</summary>
    public bool Ok => Lines.All(l => l.Ok);

    /// <summary>All output as one text, as a transcript would show it (each line, its answer).</summary>
    public string Output => string.Join("", Lines.Select(l => l.Output.Length == 0 ? "" : l.Output.EndsWith('\n') ? l.Output : l.Output + "\n"))
        + (CommitOutput is null ? "" : CommitOutput);
}
