using System.Text.Json;
using Vty.Drivers;
using Vty.Tests.Text;

namespace Vty.Tests.Drivers;

/// <summary>The rules of Exscript's testPrompts, applied to the generic driver through the cleaner.</summary>
public sealed class GenericPromptSampleTests
{
    private static readonly JsonElement Samples =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturePaths.ExscriptExtracted, "generic_prompt_samples.json"))).RootElement;

    private static readonly Driver Generic = DriverCatalog.Builtin.Generic;

    public static TheoryData<string> Prompts() => new(Samples.GetProperty("prompts").EnumerateArray().Select(e => e.GetString()!));

    public static TheoryData<string> NotPrompts() => new(Samples.GetProperty("notprompts").EnumerateArray().Select(e => e.GetString()!));

    [Fact]
    public void SampleCountsAreAsPublished()
    {
        Assert.Equal(21, Prompts().Count);
        Assert.Equal(8, NotPrompts().Count);
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void PromptMatchesAfterANewline(string prompt)
    {
        Assert.True(Generic.IsPrompt(PromptLines.LastLine("\n" + prompt)));
        Assert.True(Generic.IsPrompt(PromptLines.LastLine("this is a test\r\n" + prompt)));
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void PromptDoesNotMatchAfterTextOnTheSameLine(string prompt) =>
        Assert.False(Generic.IsPrompt(PromptLines.LastLine("some text " + prompt)));

    [Theory]
    [MemberData(nameof(NotPrompts))]
    public void NotPromptNeverMatches(string text)
    {
        Assert.False(Generic.IsPrompt(PromptLines.LastLine(text)));
        Assert.False(Generic.IsPrompt(PromptLines.LastLine(text + " ")));
        Assert.False(Generic.IsPrompt(PromptLines.LastLine("\n" + text)));
    }
}
