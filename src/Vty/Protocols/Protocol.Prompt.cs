using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Vty.Login;
using Vty.Matching;

namespace Vty.Protocols;

public abstract partial class Protocol
{
    // Commands whose words may name a new prompt; a hostname change is followed only if named in one of these.
    private const int TypedCommandsKept = 16;

    private readonly Queue<string[]> _typedCommands = new();
    private Login.LearnedPrompt? _learnedPrompt;
    private volatile bool _promptMayChange;

    /// <summary>
    /// Lets the next command end on any of the driver's prompts and learns the prompt it ends on:
    /// for changes that rename the device without naming the new name in a typed command (a
    /// whole-configuration replace committed, a configuration loaded from a file).
    /// </summary>
    public void ExpectPromptChange()
    {
        if (_learnedPrompt is not null)
            _promptMayChange = true;
    }

    /// <summary>
    /// The device's prompt as learned after login (and after each mode step or followed hostname
    /// change); commands end only on prompts showing the same host. Null before login, when the
    /// prompt shows no host name, or with <see cref="ProtocolOptions.LearnPrompt"/> off.
    /// </summary>
    public string? LearnedPrompt => _learnedPrompt?.Line;

    /// <summary>Learns the prompt from the line a login or mode step ended on.</summary>
    internal void LearnPromptFrom(string promptLine)
    {
        if (!Options.LearnPrompt)
            return;
        var learned = Login.LearnedPrompt.From(promptLine);
        if (learned is null)
        {
            Logger.LogDebug("{Host}: prompt '{Prompt}' shows no host name; commands end on any prompt", Host, promptLine.Trim());
        }
        else if (_learnedPrompt?.Identity != learned.Identity)
        {
            Logger.LogDebug("{Host}: learned prompt '{Prompt}' (identity '{Identity}')", Host, learned.Line, learned.Identity);
            lock (_typedCommands)
                _typedCommands.Clear();
        }

        _learnedPrompt = learned;
    }

    private void NoteTyped(string command)
    {
        if (_learnedPrompt is null || command.Length == 0)
            return;
        lock (_typedCommands)
        {
            if (_typedCommands.Count == TypedCommandsKept)
                _typedCommands.Dequeue();
            _typedCommands.Enqueue(Login.LearnedPrompt.WordsOfCommand(command).ToArray());
        }
    }

    /// <summary>The filter for this command's prompt matches, or null when no prompt was learned.</summary>
    private LineFilter? PromptFilter()
    {
        if (_learnedPrompt is not { } learned || _promptMayChange)
            return null;
        string[] typed;
        lock (_typedCommands)
            typed = _typedCommands.SelectMany(words => words).ToArray();
        return line => learned.Fits(line) || learned.IsChangeTypedIn(line, typed);
    }

    /// <summary>
    /// Builds the current-line patterns of a command: the learned filter goes on the driver's prompt
    /// patterns only (prompt patterns set by hand say exactly what to wait for).
    /// </summary>
    private List<MatchPattern> CommandPatterns(IReadOnlyList<Regex> targets, LineFilter? filter)
    {
        if (_promptPatterns is not null)
            filter = null;
        var prompts = Driver.PromptPatterns;
        var patterns = new List<MatchPattern>(targets.Count + 1);
        foreach (Regex target in targets)
            patterns.Add(new MatchPattern(target, MatchScope.CurrentLine, filter is not null && prompts.Contains(target) ? filter : null));
        return patterns;
    }

    /// <summary>After a filtered prompt ended a command: a prompt showing another host (named in a typed command) is learned.</summary>
    private void FollowPromptChange(string promptLine)
    {
        if (_learnedPrompt is { } learned && !learned.Fits(promptLine.AsSpan().Trim()))
        {
            Logger.LogDebug("{Host}: the prompt changed from '{Old}' to '{New}' as a command asked", Host, learned.Line, promptLine.Trim());
            LearnPromptFrom(promptLine);
        }
    }

    /// <summary>After a command that was allowed to change the prompt: the prompt it ended on is learned.</summary>
    private void RelearnPromptIfAllowed(string promptLine)
    {
        if (!_promptMayChange)
            return;
        _promptMayChange = false;
        LearnPromptFrom(promptLine);
    }

    /// <summary>A sentence for timeout messages when the last line is a prompt of another host, or "".</summary>
    private string ForeignPromptNote(string lastLine)
    {
        if (_learnedPrompt is not { } learned || lastLine.Length == 0 || learned.Fits(lastLine.AsSpan()))
            return "";
        bool promptShaped = PromptPatterns.Any(p => p.IsMatch(lastLine));
        return promptShaped
            ? $" The last line looks like a prompt, but not like this device's prompt '{learned.Line}' learned after login, so it was taken as output; " +
              "if the device's name really changed, name the new host in the command that changes it (hostname NAME), or turn prompt learning off (ProtocolOptions.LearnPrompt)."
            : "";
    }
}
