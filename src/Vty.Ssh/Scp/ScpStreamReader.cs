using System.Text;

namespace Vty.Ssh.Scp;

/// <summary>Buffered reads of the SCP byte stream: single bytes, bounded lines, exact byte counts.</summary>
internal sealed class ScpStreamReader(Stream input)
{
    public const int MaxLineLength = 8192;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next byte, or -1 at end of stream.</summary>
    public async ValueTask<int> ReadByteAsync(CancellationToken ct)
    {
        if (_start == _end && !await FillAsync(ct)) return -1;
        return _buffer[_start++];
    }

    /// <summary>Bytes up to (not including) '\n'; an over-long line or end of stream inside it is an error.</summary>
    public async ValueTask<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new List<byte>(64);
        while (true)
        {
            int b = await ReadByteAsync(ct);
            if (b < 0) throw new ScpProtocolException("the SCP stream ended inside a control line");
            if (b == '\n') return Encoding.UTF8.GetString(line.ToArray());
            if (line.Count >= MaxLineLength) throw new ScpProtocolException($"an SCP control line longer than {MaxLineLength} bytes");
            line.Add((byte)b);
        }
    }

    /// <summary>Up to <paramref name="max"/> buffered-or-fresh bytes (at least 1), for copying file data.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadChunkAsync(long max, CancellationToken ct)
    {
        if (_start == _end && !await FillAsync(ct)) throw new ScpProtocolException("the SCP stream ended inside a file");
        int n = (int)Math.Min(max, _end - _start);
        ReadOnlyMemory<byte> chunk = _buffer.AsMemory(_start, n);
        _start += n;
        return chunk;
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await input.ReadAsync(_buffer, ct);
        return _end > 0;
    }
}
