using System.Text;
using System.Threading.Channels;

namespace Vty.Tests.Support;

/// <summary>A read-only stream the test types into, chunk by chunk; <see cref="End"/> is end of input.</summary>
internal sealed class KeyboardStream : Stream
{
    private readonly Channel<byte[]> _keys = Channel.CreateUnbounded<byte[]>();
    private byte[]? _pending;
    private int _offset;

    public void Type(string text) => _keys.Writer.TryWrite(Encoding.Latin1.GetBytes(text));

    public void End() => _keys.Writer.TryComplete();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pending is null || _offset == _pending.Length)
        {
            if (!await _keys.Reader.WaitToReadAsync(cancellationToken))
                return 0;
            _pending = await _keys.Reader.ReadAsync(cancellationToken);
            _offset = 0;
        }

        int n = Math.Min(buffer.Length, _pending.Length - _offset);
        _pending.AsMemory(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use ReadAsync.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
