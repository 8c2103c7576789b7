namespace Vty.Matching;

/// <summary>
/// Raw bytes handed over by the receive buffer for one result: whole segments the buffer gave
/// up (no copy) plus a copied tail, joined into one array only when someone asks for them. A
/// result nobody reads the raw bytes of thus costs no second copy of a large output.
/// </summary>
internal sealed class ReceivedBytes
{
    /// <summary>No bytes.</summary>
    public static readonly ReceivedBytes Empty = new([]);

    private readonly object _gate = new();
    private List<byte[]>? _segments;
    private readonly int _firstOffset;
    private readonly int _segmentLength;
    private byte[]? _tail;
    private byte[]? _array;

    /// <summary>Bytes already in one exact array.</summary>
    public ReceivedBytes(byte[] bytes)
    {
        _array = bytes;
        Length = bytes.Length;
    }

    /// <summary>
    /// Whole segments of <paramref name="segmentLength"/> bytes (the first read from
    /// <paramref name="firstOffset"/>) followed by <paramref name="tail"/>.
    /// </summary>
    public ReceivedBytes(List<byte[]> segments, int firstOffset, int segmentLength, byte[] tail)
    {
        _segments = segments;
        _firstOffset = firstOffset;
        _segmentLength = segmentLength;
        _tail = tail;
        Length = (long)segments.Count * segmentLength - firstOffset + tail.Length;
    }

    /// <summary>Number of bytes.</summary>
    public long Length { get; }

    /// <summary>The bytes in one array (built on the first call, then kept).</summary>
    public byte[] ToArray()
    {
        lock (_gate)
        {
            if (_array is { } done)
                return done;
            var all = new byte[Length];
            int offset = 0;
            for (int i = 0; i < _segments!.Count; i++)
            {
                int from = i == 0 ? _firstOffset : 0;
                var part = _segments[i].AsSpan(from, _segmentLength - from);
                part.CopyTo(all.AsSpan(offset));
                offset += part.Length;
            }

            _tail!.CopyTo(all.AsSpan(offset));
            _array = all;
            _segments = null;
            _tail = null;
            return all;
        }
    }

    /// <summary>Joins several pieces (a command answered through the pager) into one array.</summary>
    public static byte[] Concat(IReadOnlyList<ReceivedBytes> parts)
    {
        if (parts.Count == 1)
            return parts[0].ToArray();
        var all = new byte[parts.Sum(p => p.Length)];
        int offset = 0;
        foreach (var part in parts)
        {
            byte[] bytes = part.ToArray();
            bytes.CopyTo(all, offset);
            offset += bytes.Length;
        }

        return all;
    }
}
