namespace Vty.Matching;

/// <summary>
/// The cleaned text received on a session and the raw bytes behind it, addressed by absolute
/// positions that never change when old data is dropped. The text is the final (committed) lines
/// followed by the current line, which the terminal model may still rewrite (a carriage return, a
/// backspace); everything before the consumed position may be discarded. Not thread-safe: the
/// owner serialises access.
/// </summary>
internal sealed class ReceiveBuffer
{
    // Text kept before the consumed position so lookbehinds and anchors still see real context.
    internal const int ContextChars = 256;
    private const int MinimumCompaction = 16 * 1024;

    // After a big output the arrays shrink back once they are mostly empty.
    private const int ShrinkThreshold = 1024 * 1024;

    private char[] _text = new char[4096];
    private long _textBase;
    private int _committedLength;
    private int _length;
    private long _consumed;

    private byte[] _raw = new byte[4096];
    private long _rawBase;
    private int _rawLength;
    private long _rawConsumed;

    /// <summary>Absolute position just after the last committed (final) character.</summary>
    public long CommittedEnd => _textBase + _committedLength;

    /// <summary>Absolute position just after the last character, current line included.</summary>
    public long End => _textBase + _length;

    /// <summary>Absolute position of the first unconsumed character (never past <see cref="End"/>).</summary>
    public long Consumed => Math.Min(_consumed, End);

    /// <summary>Earliest absolute position still held (context before the consumed position).</summary>
    public long Start => _textBase;

    /// <summary>Unconsumed characters held.</summary>
    public long UnconsumedChars => End - Consumed;

    /// <summary>Unconsumed raw bytes held.</summary>
    public long UnconsumedBytes => _rawBase + _rawLength - _rawConsumed;

    /// <summary>Absolute raw position just after the last byte received.</summary>
    public long RawEnd => _rawBase + _rawLength;

    /// <summary>Appends received bytes.</summary>
    public void AppendRaw(ReadOnlySpan<byte> bytes)
    {
        EnsureRawCapacity(bytes.Length);
        bytes.CopyTo(_raw.AsSpan(_rawLength));
        _rawLength += bytes.Length;
    }

    /// <summary>
    /// Adds final text after the committed part and replaces the current (uncommitted) line by
    /// <paramref name="currentLine"/>.
    /// </summary>
    public void Update(ReadOnlySpan<char> committed, ReadOnlySpan<char> currentLine)
    {
        // The terminal may rewrite the current line (a pager prompt erased and overwritten): when
        // text before the consumed position changed, the whole line counts as unconsumed again,
        // since what is there now was never seen (even where it happens to equal the old text).
        long lineStart = CommittedEnd;
        if (_consumed > lineStart)
        {
            int oldLength = _length - _committedLength;
            int same = CommonPrefix(_text.AsSpan(_committedLength, oldLength), committed, currentLine);
            if (_consumed > lineStart + same)
                _consumed = lineStart;
        }

        _length = _committedLength;
        EnsureTextCapacity(committed.Length + currentLine.Length);
        committed.CopyTo(_text.AsSpan(_length));
        _length += committed.Length;
        _committedLength = _length;
        currentLine.CopyTo(_text.AsSpan(_length));
        _length += currentLine.Length;
    }

    private static int CommonPrefix(ReadOnlySpan<char> old, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        int same = old.CommonPrefixLength(first);
        if (same == first.Length && same < old.Length)
            same += old[same..].CommonPrefixLength(second);
        return same;
    }

    /// <summary>The text between two absolute positions (clamped to what is held).</summary>
    public ReadOnlySpan<char> Slice(long from, long to)
    {
        from = Math.Clamp(from, _textBase, End);
        to = Math.Clamp(to, from, End);
        return _text.AsSpan((int)(from - _textBase), (int)(to - from));
    }

    /// <summary>The raw bytes between two absolute raw positions (clamped to what is held).</summary>
    public ReadOnlySpan<byte> RawSlice(long from, long to)
    {
        from = Math.Clamp(from, _rawBase, RawEnd);
        to = Math.Clamp(to, from, RawEnd);
        return _raw.AsSpan((int)(from - _rawBase), (int)(to - from));
    }

    /// <summary>Absolute raw position of the first unconsumed byte.</summary>
    public long RawConsumed => _rawConsumed;

    /// <summary>
    /// Marks text up to <paramref name="textPosition"/> and raw bytes up to
    /// <paramref name="rawPosition"/> as consumed, and drops old data when worthwhile.
    /// </summary>
    public void Consume(long textPosition, long rawPosition)
    {
        _consumed = Math.Max(Consumed, Math.Min(textPosition, End));
        _rawConsumed = Math.Max(_rawConsumed, Math.Min(rawPosition, RawEnd));
        CompactText();
        CompactRaw();
    }

    /// <summary>Consumes everything received so far.</summary>
    public void ConsumeAll() => Consume(End, RawEnd);

    private void EnsureTextCapacity(int extra)
    {
        if (_length + extra <= _text.Length)
            return;
        CompactText();
        if (_length + extra <= _text.Length)
            return;
        int size = Math.Max(_text.Length * 2, _length + extra);
        Array.Resize(ref _text, size);
    }

    private void EnsureRawCapacity(int extra)
    {
        if (_rawLength + extra <= _raw.Length)
            return;
        CompactRaw();
        if (_rawLength + extra <= _raw.Length)
            return;
        int size = Math.Max(_raw.Length * 2, _rawLength + extra);
        Array.Resize(ref _raw, size);
    }

    private void CompactText()
    {
        // Keep a little context before the consumed position; shift only when it frees a lot.
        long keepFrom = Math.Max(_textBase, Math.Min(_consumed, CommittedEnd) - ContextChars);
        int drop = (int)(keepFrom - _textBase);
        if (drop < MinimumCompaction || drop < _length / 2)
            return;
        Array.Copy(_text, drop, _text, 0, _length - drop);
        _textBase += drop;
        _length -= drop;
        _committedLength -= drop;
        if (_text.Length > ShrinkThreshold && _length < _text.Length / 8)
            Array.Resize(ref _text, Math.Max(4096, _length * 2));
    }

    private void CompactRaw()
    {
        int drop = (int)(_rawConsumed - _rawBase);
        if (drop < MinimumCompaction || drop < _rawLength / 2)
            return;
        Array.Copy(_raw, drop, _raw, 0, _rawLength - drop);
        _rawBase += drop;
        _rawLength -= drop;
        if (_raw.Length > ShrinkThreshold && _rawLength < _raw.Length / 8)
            Array.Resize(ref _raw, Math.Max(4096, _rawLength * 2));
    }
}
