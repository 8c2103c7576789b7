using System.Buffers;

namespace Vty.Matching;

/// <summary>
/// Received raw bytes in fixed-size pooled segments, addressed by absolute position: growing never
/// copies, dropping old bytes returns whole segments to the pool. Not thread-safe.
/// </summary>
internal sealed class SegmentedBytes
{
    internal const int SegmentBytes = 64 * 1024;

    private readonly List<byte[]> _segments = [];
    private long _base;
    private long _length;

    /// <summary>Absolute position of the first byte held.</summary>
    public long Start => _base;

    /// <summary>Absolute position just after the last byte.</summary>
    public long End => _base + _length;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int used = (int)(_length % SegmentBytes);
            if (used == 0 && _length == (long)_segments.Count * SegmentBytes)
                _segments.Add(ArrayPool<byte>.Shared.Rent(SegmentBytes));
            int n = Math.Min(bytes.Length, SegmentBytes - used);
            bytes[..n].CopyTo(_segments[^1].AsSpan(used));
            _length += n;
            bytes = bytes[n..];
        }
    }

    /// <summary>A copy of the bytes between two absolute positions (clamped to what is held).</summary>
    public byte[] ToArray(long from, long to)
    {
        from = Math.Clamp(from, _base, End);
        to = Math.Clamp(to, from, End);
        if (to == from)
            return [];
        var copy = new byte[to - from];
        long offset = from - _base;
        Span<byte> destination = copy;
        while (!destination.IsEmpty)
        {
            int index = (int)(offset % SegmentBytes);
            int n = Math.Min(destination.Length, SegmentBytes - index);
            _segments[(int)(offset / SegmentBytes)].AsSpan(index, n).CopyTo(destination);
            destination = destination[n..];
            offset += n;
        }
        return copy;
    }

    /// <summary>
    /// Hands the bytes between two absolute positions (clamped to what is held) to the caller and
    /// drops everything before <paramref name="to"/>: whole segments change owner without a copy,
    /// only the part of the segment still being written is copied. Small ranges are copied whole.
    /// </summary>
    public ReceivedBytes Take(long from, long to)
    {
        from = Math.Clamp(from, _base, End);
        to = Math.Clamp(to, from, End);
        if (to - from < SegmentBytes)
        {
            var copy = ToArray(from, to);
            DropBefore(to);
            return copy.Length == 0 ? ReceivedBytes.Empty : new ReceivedBytes(copy);
        }

        int first = (int)((from - _base) / SegmentBytes);
        int whole = (int)((to - _base) / SegmentBytes);
        int tailLength = (int)((to - _base) % SegmentBytes);
        int firstOffset = (int)((from - _base) % SegmentBytes);
        var handed = _segments.GetRange(first, whole - first);
        byte[] tail = tailLength == 0 ? [] : _segments[whole].AsSpan(0, tailLength).ToArray();
        for (int i = 0; i < first; i++)
            ArrayPool<byte>.Shared.Return(_segments[i]);
        _segments.RemoveRange(0, whole);
        _base += (long)whole * SegmentBytes;
        _length -= (long)whole * SegmentBytes;
        return new ReceivedBytes(handed, firstOffset, SegmentBytes, tail);
    }

    /// <summary>Returns the segments that lie wholly before <paramref name="position"/> to the pool.</summary>
    public void DropBefore(long position)
    {
        int whole = (int)Math.Clamp((position - _base) / SegmentBytes, 0, _segments.Count);
        if (whole == _segments.Count && whole > 0 && _length % SegmentBytes != 0)
            whole--;
        if (whole == 0)
            return;
        for (int i = 0; i < whole; i++)
            ArrayPool<byte>.Shared.Return(_segments[i]);
        _segments.RemoveRange(0, whole);
        _base += (long)whole * SegmentBytes;
        _length -= (long)whole * SegmentBytes;
    }
}
