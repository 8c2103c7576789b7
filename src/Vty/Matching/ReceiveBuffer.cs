namespace Vty.Matching;

/// <summary>
/// The cleaned text received on a session and the raw bytes behind it, addressed by absolute
/// positions that never change when old data is dropped. The text is the final (committed) lines
/// followed by the current line, which the terminal model may still rewrite (a carriage return, a
/// backspace); everything before the consumed position may be discarded. Not thread-safe: the
/// owner serialises access.
/// </summary>
/// <remarks>
/// Memory: text costs one byte per character while it is Latin-1 (two otherwise) and raw bytes
/// one byte each, in pooled segments that are never copied to grow (see
/// <see cref="SegmentedText"/>); without raw retention only the text is kept.
/// </remarks>
internal sealed class ReceiveBuffer
{
    // Text kept before the consumed position so lookbehinds and anchors still see real context.
    internal const int ContextChars = 256;

    // Slices larger than this are copied into a fresh array rather than into the kept scratch.
    private const int MaxKeptScratch = 256 * 1024;

    private readonly SegmentedText _text = new();
    private readonly SegmentedBytes? _raw;
    private long _committedEnd;
    private long _consumed;
    private long _rawEnd;
    private long _rawConsumed;
    private char[] _scratch = new char[4096];

    /// <summary>Creates a buffer; <paramref name="keepRaw"/> false keeps no raw bytes (results then carry none).</summary>
    public ReceiveBuffer(bool keepRaw = true) => _raw = keepRaw ? new SegmentedBytes() : null;

    /// <summary>Absolute position just after the last committed (final) character.</summary>
    public long CommittedEnd => _committedEnd;

    /// <summary>Absolute position just after the last character, current line included.</summary>
    public long End => _text.End;

    /// <summary>Absolute position of the first unconsumed character (never past <see cref="End"/>).</summary>
    public long Consumed => Math.Min(_consumed, End);

    /// <summary>Earliest absolute position still held (context before the consumed position).</summary>
    public long Start => _text.Start;

    /// <summary>
    /// Characters written, copied out or compared so far: the buffer's share of the work per
    /// received character, which tests hold to a bound (a scan that re-read whole lines would not be).
    /// </summary>
    internal long CharsTouched { get; private set; }

    /// <summary>Unconsumed characters held.</summary>
    public long UnconsumedChars => End - Consumed;

    /// <summary>Unconsumed raw bytes received (counted even when raw bytes are not kept).</summary>
    public long UnconsumedBytes => _rawEnd - _rawConsumed;

    /// <summary>Absolute raw position just after the last byte received.</summary>
    public long RawEnd => _rawEnd;

    /// <summary>Absolute raw position of the first unconsumed byte.</summary>
    public long RawConsumed => _rawConsumed;

    /// <summary>Appends received bytes.</summary>
    public void AppendRaw(ReadOnlySpan<byte> bytes)
    {
        _raw?.Append(bytes);
        _rawEnd += bytes.Length;
    }

    /// <summary>
    /// The current (uncommitted) line is now its first <paramref name="unchanged"/> characters
    /// followed by <paramref name="fresh"/>; the first <paramref name="committed"/> characters of
    /// that line become final. Only what changed is written, so a long line growing a few
    /// characters at a time costs what arrives, not its whole length each time.
    /// </summary>
    public void Update(int unchanged, ReadOnlySpan<char> fresh, int committed)
    {
        long lineStart = _committedEnd;
        unchanged = (int)Math.Clamp(unchanged, 0, End - lineStart);

        // The terminal may rewrite the current line (a pager prompt erased and overwritten): when
        // text before the consumed position changed, the whole line counts as unconsumed again,
        // since what is there now was never seen (even where it happens to equal the old text).
        if (_consumed > lineStart + unchanged)
        {
            var old = Slice(lineStart + unchanged, End);
            CharsTouched += old.Length;
            int same = unchanged + old.CommonPrefixLength(fresh);
            if (_consumed > lineStart + same)
                _consumed = lineStart;
        }

        _text.Truncate(lineStart + unchanged);
        _text.Append(fresh);
        CharsTouched += fresh.Length;
        _committedEnd = lineStart + Math.Clamp(committed, 0, unchanged + fresh.Length);
    }

    /// <summary>
    /// The text between two absolute positions (clamped to what is held). The span may live in a
    /// scratch array that the next call reuses: use it before slicing again.
    /// </summary>
    public ReadOnlySpan<char> Slice(long from, long to)
    {
        from = Math.Clamp(from, Start, End);
        to = Math.Clamp(to, from, End);
        int length = (int)(to - from);
        CharsTouched += length;
        if (length == 0)
            return [];
        if (_text.TryGetDirect(from, to, out ReadOnlySpan<char> direct))
            return direct;
        char[] target = length <= _scratch.Length ? _scratch : new char[length];
        if (length > _scratch.Length && length <= MaxKeptScratch)
            _scratch = target;
        _text.CopyTo(from, target.AsSpan(0, length));
        return target.AsSpan(0, length);
    }

    /// <summary>The text between two absolute positions as a string (clamped to what is held).</summary>
    public string GetString(long from, long to)
    {
        from = Math.Clamp(from, Start, End);
        to = Math.Clamp(to, from, End);
        if (to == from)
            return "";
        CharsTouched += to - from;
        return string.Create((int)(to - from), (Text: _text, From: from), static (span, state) => state.Text.CopyTo(state.From, span));
    }

    /// <summary>
    /// Takes the raw bytes between two absolute raw positions out of the buffer (empty when raw
    /// bytes are not kept); everything before <paramref name="to"/> is gone afterwards.
    /// </summary>
    public ReceivedBytes TakeRaw(long from, long to) => _raw?.Take(from, to) ?? ReceivedBytes.Empty;

    /// <summary>
    /// Marks text up to <paramref name="textPosition"/> and raw bytes up to
    /// <paramref name="rawPosition"/> as consumed and returns what lies wholly before them to the pool.
    /// </summary>
    public void Consume(long textPosition, long rawPosition)
    {
        _consumed = Math.Max(Consumed, Math.Min(textPosition, End));
        _rawConsumed = Math.Max(_rawConsumed, Math.Min(rawPosition, _rawEnd));
        // Keep a little context before the consumed position, and never the current line.
        _text.DropBefore(Math.Min(_consumed, _committedEnd) - ContextChars);
        _raw?.DropBefore(_rawConsumed);
    }

    /// <summary>Consumes everything received so far.</summary>
    public void ConsumeAll() => Consume(End, RawEnd);
}
