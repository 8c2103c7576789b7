namespace Vty.Drivers;

/// <summary>One edge of a driver's mode graph: from mode <see cref="From"/>, send <see cref="Send"/> to reach <see cref="To"/>.</summary>
public sealed record ModeTransition
{
    /// <summary>The mode the device must be in.</summary>
    public required string From { get; init; }

    /// <summary>The mode this step reaches.</summary>
    public required string To { get; init; }

    /// <summary>The line to send (e.g. <c>enable</c>, <c>configure private</c>, <c>end</c>).</summary>
    public required string Send { get; init; }

    /// <summary>Questions that may follow and their answers, first match wins.</summary>
    public IReadOnlyList<ModeAnswer> Answers { get; init; } = [];

    /// <summary>True when an answer sends a credential (the step is an authorization, e.g. enable).</summary>
    public bool SendsCredential => Answers.Any(a => a.Credential is not null);
}
