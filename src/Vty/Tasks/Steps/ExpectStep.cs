namespace Vty.Tasks.Steps;

/// <summary><c>expect: "confirm"</c> — waits for a regex in the output; records the text before it.</summary>
public sealed record ExpectStep(string Pattern) : TaskStep
{
    /// <summary>How long to wait; null: the device default.</summary>
    public TimeSpan? Timeout { get; init; }
}
