namespace Vty.Tasks.Steps;

/// <summary><c>command: show version</c> — runs a command at the prompt and records its output.</summary>
public sealed record CommandStep(string Command) : TaskStep
{
    /// <summary>Regex to wait for instead of the prompt (e.g. a confirmation question).</summary>
    public string? Expect { get; init; }

    /// <summary>How long to wait for the output; null: the device default.</summary>
    public TimeSpan? Timeout { get; init; }
}
