namespace Vty.Drivers;

/// <summary>
/// Text a platform really prints, kept with its driver definition (<c>samples:</c>): prompt lines
/// its prompt patterns must match, login banners or transcripts the OS guesser must attribute to
/// it, and error lines its error patterns must catch.
/// </summary>
/// <param name="Prompts">Prompt lines, one per mode.</param>
/// <param name="Banners">Login transcripts (banner, dialog, first prompt) that identify the platform.</param>
/// <param name="Errors">Output lines that mean a command failed.</param>
public sealed record DriverSamples(IReadOnlyList<string> Prompts, IReadOnlyList<string> Banners, IReadOnlyList<string> Errors)
{
    /// <summary>No samples.</summary>
    public static DriverSamples None { get; } = new([], [], []);
}
