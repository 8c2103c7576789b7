namespace Vty.Login;

/// <summary>
/// The device's own prompt, learned from the line it showed when a login or mode step ended, reduced
/// to its identity: the host name (with the user, <c>lab@r1</c>, or the location, <c>RP/0/RSP0/CPU0:r1</c>,
/// where the platform shows them) without the mode decoration around it (<c>#</c>, <c>(config-if)</c>,
/// <c>[~…]</c>, a shell's working directory). A prompt-shaped line fits when it shows the same
/// identity, so <c>router1(config)#</c> ends a command on <c>router1</c> but <c>router2#</c> (a line of
/// output that happened to end a chunk) does not.
/// </summary>
public sealed class LearnedPrompt
{
    // Decoration that may open a prompt: VRP/Comware "[~HUAWEI]", "<H3C>", SR OS "*A:node", MikroTik "[admin@x] >".
    private const string Openers = "[<{(~*!+ ";

    private readonly string[] _words;

    private LearnedPrompt(string line, string identity)
    {
        Line = line;
        Identity = identity;
        _words = WordsOf(identity);
    }

    /// <summary>The prompt line as the device showed it when it was learned (trimmed).</summary>
    public string Line { get; }

    /// <summary>The part every prompt of this device shows, whatever the mode (e.g. <c>router1</c>, <c>lab@mx1</c>).</summary>
    public string Identity { get; }

    /// <summary>Learns from <paramref name="promptLine"/>; null when the line shows no identity (a bare <c>#</c> or <c>$</c>).</summary>
    public static LearnedPrompt? From(string promptLine)
    {
        ArgumentNullException.ThrowIfNull(promptLine);
        string line = promptLine.Trim();
        var identity = IdentityOf(line.AsSpan());
        // "[10:32:01] $": a clock is no identity, and it changes with every prompt.
        return identity.IndexOfAnyInRange('A', 'Z') < 0 && identity.IndexOfAnyInRange('a', 'z') < 0
            ? null
            : new LearnedPrompt(line, identity.ToString());
    }

    /// <summary>
    /// True when <paramref name="line"/> (a prompt-shaped current line) shows this identity: it
    /// starts, after opening decoration, with the identity, followed by something that cannot
    /// continue a host name (so <c>router10#</c> does not fit <c>router1</c>).
    /// </summary>
    public bool Fits(ReadOnlySpan<char> line)
    {
        int close = line.StartsWith('(') ? line.IndexOf(") ", StringComparison.Ordinal) : -1;
        if (close > 0 && !SkipOpeners(line).StartsWith(Identity, StringComparison.Ordinal))
            line = line[(close + 2)..];
        line = SkipOpeners(line);
        if (!line.StartsWith(Identity, StringComparison.Ordinal))
            return false;
        return line.Length == Identity.Length || !char.IsLetterOrDigit(line[Identity.Length]);
    }

    /// <summary>
    /// True when <paramref name="line"/> is a different identity whose new name was typed in a recent
    /// command (<paramref name="typedWords"/>): <c>hostname r2</c>, <c>sysname r2</c>,
    /// <c>set system host-name r2</c> then <c>commit</c>, <c>su - root</c>. Such a prompt ends the
    /// command and is learned; any other foreign prompt-shaped line is taken as output.
    /// </summary>
    public bool IsChangeTypedIn(ReadOnlySpan<char> line, IReadOnlyCollection<string> typedWords)
    {
        ArgumentNullException.ThrowIfNull(typedWords);
        var identity = IdentityOf(line);
        if (identity.Length == 0 || typedWords.Count == 0)
            return false;
        foreach (string word in WordsOf(identity.ToString()))
        {
            if (!_words.Contains(word, StringComparer.OrdinalIgnoreCase) && typedWords.Contains(word, StringComparer.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    /// <summary>The words of a command line a prompt change may name (split at blanks, quotes and <c>=</c>).</summary>
    public static IEnumerable<string> WordsOfCommand(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Split([' ', '\t', '"', '\'', '=', ';'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <inheritdoc/>
    public override string ToString() => Line;

    private static ReadOnlySpan<char> IdentityOf(ReadOnlySpan<char> line)
    {
        line = line.Trim();
        // "(venv) user@host:~$", "(main) …": a shell's prefix comes and goes; the identity follows it.
        int close = line.StartsWith('(') ? line.IndexOf(") ", StringComparison.Ordinal) : -1;
        if (close > 0 && line[(close + 2)..].Trim().Length > 1)
            line = line[(close + 2)..];
        line = SkipOpeners(line);
        int end = 0;
        int at = -1;
        while (end < line.Length && IsIdentityChar(line[end]))
        {
            if (line[end] == '@')
                at = end;
            else if (line[end] == ':' && at >= 0)
                break; // user@host:~/dir, user@host:mgmt:~ — what follows the host is a location, not identity
            end++;
        }

        // A prompt's terminator may touch the name when the platform allows it in names (rare): trim it.
        var identity = line[..end].TrimEnd(":/.-");
        // ExtremeXOS numbers its prompts ("sw1.7 #", "* sw1.8 #"): the counter is no part of the identity.
        int dot = identity.LastIndexOf('.');
        if (dot > 0 && dot < identity.Length - 1 && identity[(dot + 1)..].IndexOfAnyExceptInRange('0', '9') < 0
            && line[identity.Length..] is [' ', '#' or '>', ..])
            identity = identity[..dot];
        return identity;
    }

    private static ReadOnlySpan<char> SkipOpeners(ReadOnlySpan<char> line)
    {
        int start = 0;
        while (start < line.Length && Openers.Contains(line[start]))
            start++;
        return line[start..];
    }

    private static bool IsIdentityChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '@' or '/' or ':';

    private static string[] WordsOf(string identity) =>
        identity.Split(['@', ':', '/'], StringSplitOptions.RemoveEmptyEntries);
}
