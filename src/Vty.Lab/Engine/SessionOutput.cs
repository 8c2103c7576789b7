using System.Buffers;
using System.Text;

namespace Vty.Lab.Engine;

/// <summary>Buffers what a session prints in a pooled array, returned to the pool on every flush.</summary>
internal sealed class SessionOutput
{
    private const int FlushThreshold = 16 * 1024;
    private readonly Stream _stream;
    private byte[]? _buffer;
    private int _length;

    public SessionOutput(Stream stream) => _stream = stream;

    public bool ShouldFlush => _length >= FlushThreshold;

    /// <summary>Appends text as is (Latin-1: one byte per char, like the input side).</summary>
    public void Append(string text)
    {
        Ensure(text.Length);
        _length += Encoding.Latin1.GetBytes(text, 0, text.Length, _buffer!, _length);
    }

    public void Append(char c)
    {
        Ensure(1);
        _buffer![_length++] = c <= 0xFF ? (byte)c : (byte)'?';
    }

    /// <summary>Appends text turning each bare "\n" into "\r\n", as a terminal line discipline does.</summary>
    public void AppendTerminal(string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            {
                Append(text.AsSpan(start, i - start));
                Append("\r\n");
                start = i + 1;
            }
        }
        Append(text.AsSpan(start));
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return;
        Ensure(text.Length);
        _length += Encoding.Latin1.GetBytes(text, _buffer.AsSpan(_length));
    }

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        byte[]? buffer = _buffer;
        if (buffer is null)
            return;
        int length = _length;
        _buffer = null;
        _length = 0;
        try
        {
            if (length > 0)
                await _stream.WriteAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int more)
    {
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1024, more));
            return;
        }
        if (_length + more <= _buffer.Length)
            return;
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
