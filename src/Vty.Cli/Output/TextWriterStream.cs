using System.Text;

namespace Vty.Cli.Output;

/// <summary>A write-only stream over a <see cref="TextWriter"/> (the command's output), decoding UTF-8 across writes.</summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        char[] chars = new char[_decoder.GetCharCount(buffer, flush: false)];
        int n = _decoder.GetChars(buffer, chars, flush: false);
        writer.Write(chars, 0, n);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        char[] chars = new char[_decoder.GetCharCount(buffer.Span, flush: false)];
        int n = _decoder.GetChars(buffer.Span, chars, flush: false);
        await writer.WriteAsync(chars.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
    }

    public override void Flush() => writer.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
