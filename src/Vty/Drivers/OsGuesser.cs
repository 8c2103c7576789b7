using System.Text;
using System.Text.RegularExpressions;

namespace Vty.Drivers;

/// <summary>
/// Guesses the platform from the cleaned login transcript (banner, login dialog, first prompt) and
/// the SSH server version. The answer depends only on the text received, never on how it was
/// split: <see cref="Feed"/> only appends, and signals are evaluated over the whole text when a
/// result is asked for. A driver scores the highest confidence among its matching signals; the
/// best score wins, ties go to the driver with more matching signals, then to the name that sorts
/// first. Nothing matching gives the generic driver at confidence 0.
/// </summary>
/// <remarks>
/// Bounded: the first <see cref="MaxHeadLength"/> characters and the last <see cref="MaxTailLength"/>
/// are kept (a guess is about the banner and the prompt, not megabytes of output). Not thread-safe.
/// </remarks>
public sealed class OsGuesser
{
    /// <summary>Characters kept from the start of the transcript.</summary>
    public const int MaxHeadLength = 32 * 1024;

    /// <summary>Characters kept from the end once the head is full.</summary>
    public const int MaxTailLength = 4 * 1024;

    private readonly DriverCatalog _catalog;
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();
    private string? _remoteVersion;
    private string _currentLine = "";
    private IReadOnlyList<OsGuessCandidate>? _ranking;

    /// <summary>Guesses among the drivers of <paramref name="catalog"/> (built-ins by default).</summary>
    public OsGuesser(DriverCatalog? catalog = null) => _catalog = catalog ?? DriverCatalog.Builtin;

    /// <summary>The most likely driver and its confidence (0–100).</summary>
    public (Driver Driver, int Confidence) Best
    {
        get
        {
            IReadOnlyList<OsGuessCandidate> ranking = Candidates;
            return ranking.Count > 0 ? (ranking[0].Driver, ranking[0].Confidence) : (_catalog.Generic, 0);
        }
    }

    /// <summary>Every driver with at least one matching signal, best first.</summary>
    public IReadOnlyList<OsGuessCandidate> Candidates => _ranking ??= Rank();

    /// <summary>Characters fed so far (including those no longer kept).</summary>
    public long Length { get; private set; }

    /// <summary>Appends cleaned text (see <see cref="Text.TerminalCleaner"/>).</summary>
    public void Feed(ReadOnlySpan<char> cleanedText)
    {
        if (cleanedText.IsEmpty)
            return;
        _ranking = null;
        Length += cleanedText.Length;
        int room = MaxHeadLength - _head.Length;
        if (room > 0)
        {
            int n = Math.Min(room, cleanedText.Length);
            _head.Append(cleanedText[..n]);
            cleanedText = cleanedText[n..];
        }

        if (cleanedText.IsEmpty)
            return;
        _tail.Append(cleanedText);
        if (_tail.Length > MaxTailLength * 2)
            _tail.Remove(0, _tail.Length - MaxTailLength);
    }

    /// <summary>
    /// Sets the unterminated line currently on screen (typically the first prompt), evaluated after
    /// everything fed and replaced by the next call. Use it when the text comes from a
    /// <see cref="Text.TerminalCleaner"/> whose last line may still be rewritten: feed only
    /// completed lines with <see cref="Feed"/> and hand the current line over here.
    /// </summary>
    public void SetCurrentLine(ReadOnlySpan<char> line)
    {
        if (line.SequenceEqual(_currentLine))
            return;
        _currentLine = line.Length > MaxTailLength ? line[^MaxTailLength..].ToString() : line.ToString();
        _ranking = null;
    }

    /// <summary>Sets the SSH server version string (e.g. <c>SSH-2.0-Cisco-1.25</c>) for remote-version signals.</summary>
    public void SetRemoteVersion(string? remoteVersion)
    {
        _remoteVersion = remoteVersion;
        _ranking = null;
    }

    /// <summary>The text signals are evaluated against: trailing blank lines removed.</summary>
    internal string EvaluationText()
    {
        string text = _tail.Length == 0
            ? _head + _currentLine
            : _head + "\n" + _tail.ToString(Math.Max(0, _tail.Length - MaxTailLength), Math.Min(_tail.Length, MaxTailLength)) + _currentLine;
        int end = text.Length;
        while (true)
        {
            int nl = text.LastIndexOf('\n', Math.Max(0, end - 1));
            if (nl < 0 || end == 0)
                break;
            if (!IsBlank(text.AsSpan(nl + 1, end - nl - 1)))
                break;
            end = nl;
        }

        return text[..end];
    }

    private static bool IsBlank(ReadOnlySpan<char> s) => s.Trim(" \t").IsEmpty;

    private IReadOnlyList<OsGuessCandidate> Rank()
    {
        string text = EvaluationText();
        var candidates = new List<OsGuessCandidate>();
        foreach (Driver driver in _catalog.Drivers)
        {
            List<OsGuessSignal>? matched = null;
            int best = 0;
            foreach (OsGuessSignal signal in driver.GuessSignals)
            {
                string? subject = signal.Source == OsGuessSource.RemoteVersion ? _remoteVersion : text;
                if (subject is null || !IsMatch(signal.Pattern, subject))
                    continue;
                (matched ??= []).Add(signal);
                best = Math.Max(best, signal.Confidence);
            }

            if (matched is not null)
                candidates.Add(new OsGuessCandidate(driver, best, matched));
        }

        candidates.Sort((a, b) =>
        {
            int c = b.Confidence.CompareTo(a.Confidence);
            if (c == 0)
                c = b.MatchedSignals.Count.CompareTo(a.MatchedSignals.Count);
            return c != 0 ? c : string.CompareOrdinal(a.Driver.Name, b.Driver.Name);
        });
        return candidates;
    }

    private static bool IsMatch(Regex pattern, string subject)
    {
        try
        {
            return pattern.IsMatch(subject);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological user pattern must not stall a login: it simply does not count.
            return false;
        }
    }
}
