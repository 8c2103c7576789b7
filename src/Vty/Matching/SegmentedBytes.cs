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
