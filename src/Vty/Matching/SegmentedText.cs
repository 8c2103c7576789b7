using System.Buffers;
using System.Text;

namespace Vty.Matching;

/// <summary>
/// Received text in fixed-size pooled segments, addressed by absolute position. A segment holds
/// Latin-1 characters as bytes (one byte per character: nearly all device output) until a wider
/// character arrives, and only then becomes a <c>char[]</c>. Growing never copies what is held,
/// dropping old text returns whole segments to the pool, so memory is what the text needs plus
/// at most one partly filled segment. Not thread-safe.
/// </summary>
internal sealed class SegmentedText
{
    /// <summary>Characters per segment (64 KiB at most per segment: below the large-object heap).</summary>
    internal const int SegmentChars = 32 * 1024;

    private readonly List<Segment> _segments = [];
    private long _base;
    private long _length;

    /// <summary>Absolute position of the first character held.</summary>
    public long Start => _base;

    /// <summary>Absolute position just after the last character.</summary>
    public long End => _base + _length;

    /// <summary>Appends <paramref name="text"/> at <see cref="End"/>.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            int used = (int)(_length % SegmentChars);
            if (used == 0 && _length == (long)_segments.Count * SegmentChars)
                _segments.Add(new Segment());
            Segment last = _segments[^1];
            int n = Math.Min(text.Length, SegmentChars - used);
            last.Write(used, text[..n]);
            _length += n;
            text = text[n..];
        }
    }

    /// <summary>Drops everything from <paramref name="position"/> on (the current line is being rewritten).</summary>
    public void Truncate(long position)
    {
        long keep = Math.Clamp(position - _base, 0, _length);
        int segments = (int)((keep + SegmentChars - 1) / SegmentChars);
        for (int i = _segments.Count - 1; i >= segments; i--)
        {
            _segments[i].Release();
            _segments.RemoveAt(i);
        }
        _length = keep;
    }

    /// <summary>Returns the segments that lie wholly before <paramref name="position"/> to the pool.</summary>
    public void DropBefore(long position)
    {
        int whole = (int)Math.Clamp((position - _base) / SegmentChars, 0, _segments.Count);
        // The segment being written stays, even when everything in it is old.
        if (whole == _segments.Count && whole > 0 && _length % SegmentChars != 0)
            whole--;
        if (whole == 0)
            return;
        for (int i = 0; i < whole; i++)
            _segments[i].Release();
        _segments.RemoveRange(0, whole);
        _base += (long)whole * SegmentChars;
        _length -= (long)whole * SegmentChars;
    }

    /// <summary>Copies the text from absolute <paramref name="from"/> into <paramref name="destination"/> (its whole length).</summary>
    public void CopyTo(long from, Span<char> destination)
    {
        long offset = from - _base;
        while (!destination.IsEmpty)
        {
            Segment segment = _segments[(int)(offset / SegmentChars)];
            int index = (int)(offset % SegmentChars);
            int n = Math.Min(destination.Length, SegmentChars - index);
            segment.Read(index, destination[..n]);
            destination = destination[n..];
            offset += n;
        }
    }

    /// <summary>The text between two absolute positions when it lies in one wide segment; otherwise empty and false.</summary>
    public bool TryGetDirect(long from, long to, out ReadOnlySpan<char> text)
    {
        text = default;
        long offset = from - _base;
        int index = (int)(offset % SegmentChars);
        int segment = (int)(offset / SegmentChars);
        if (segment >= _segments.Count || index + (to - from) > SegmentChars || _segments[segment].Wide is not { } wide)
            return false;
        text = wide.AsSpan(index, (int)(to - from));
        return true;
    }

    /// <summary>Returns every segment to the pool.</summary>
    public void Clear()
    {
        foreach (Segment segment in _segments)
            segment.Release();
        _segments.Clear();
        _base += _length;
        _length = 0;
    }

    private sealed class Segment
    {
        private byte[]? _narrow = ArrayPool<byte>.Shared.Rent(SegmentChars);

        public char[]? Wide { get; private set; }

        public void Write(int index, ReadOnlySpan<char> text)
        {
            if (_narrow is { } narrow)
            {
                if (!text.ContainsAnyExceptInRange('\0', '\u00ff'))
                {
                    Encoding.Latin1.GetBytes(text, narrow.AsSpan(index));
                    return;
                }

                // A character beyond Latin-1: this segment keeps characters from now on.
                char[] wide = ArrayPool<char>.Shared.Rent(SegmentChars);
                Encoding.Latin1.GetChars(narrow.AsSpan(0, index), wide);
                ArrayPool<byte>.Shared.Return(narrow);
                _narrow = null;
                Wide = wide;
            }

            text.CopyTo(Wide.AsSpan(index));
        }

        public void Read(int index, Span<char> destination)
        {
            if (_narrow is { } narrow)
                Encoding.Latin1.GetChars(narrow.AsSpan(index, destination.Length), destination);
            else
                Wide.AsSpan(index, destination.Length).CopyTo(destination);
        }

        public void Release()
        {
            if (_narrow is { } narrow)
                ArrayPool<byte>.Shared.Return(narrow);
            if (Wide is { } wide)
                ArrayPool<char>.Shared.Return(wide);
            _narrow = null;
            Wide = null;
        }
    }
}
