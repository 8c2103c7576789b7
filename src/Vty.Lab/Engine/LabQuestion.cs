namespace Vty.Lab;

/// <summary>
/// A follow-up question a command asks (enable password, "Destination filename [startup-config]?",
/// sudo password, "[yes,no]"): the engine prints <see cref="Prompt"/>, reads one line (echoed or not)
/// and passes it to <see cref="OnAnswer"/>.
/// </summary>
/// <param name="Prompt">Text printed before reading the answer.</param>
/// <param name="Echo">False for passwords.</param>
/// <param name="OnAnswer">Continues the command with the answer.</param>
public sealed record LabQuestion(string Prompt, bool Echo, Func<string, LabCommandContext, LabOutput> OnAnswer)
{
    /// <summary>What the command does without a terminal (SSH exec); null means it takes an empty answer.</summary>
    public LabOutput? WithoutTerminal { get; init; }
}
