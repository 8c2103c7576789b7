using System.Text;
using System.Threading.Channels;

namespace Vty.Tests.Support;

/// <summary>
/// An in-memory duplex byte stream for engine tests: the test plays the device through
/// <see cref="DeviceWriteAsync(string)"/> / <see cref="ReadSentAsync"/>, the code under test uses
/// <see cref="Client"/>. Chunks arrive exactly as written, so tests control chunk boundaries.
/// </summary>
internal sealed class TestDuplex
{
    private readonly Channel<byte[]> _toClient = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<byte[]> _toDevice = Channel.CreateUnbounded<byte[]>();
    private readonly StringBuilder _sent = new();
    private int _checked;

    public TestDuplex() => Client = new ClientStream(this);

    public Stream Client { get; }

    public async Task DeviceWriteAsync(string text) =>
        await _toClient.Writer.WriteAsync(Encoding.Latin1.GetBytes(text));

    public async Task DeviceWriteAsync(byte[] bytes) => await _toClient.Writer.WriteAsync(bytes);

    /// <summary>Writes <paramref name="text"/> in pieces of <paramref name="size"/> characters.</summary>
    public async Task DeviceWriteChunkedAsync(string text, int size)
    {
        for (int i = 0; i < text.Length; i += size)
            await DeviceWriteAsync(text.Substring(i, Math.Min(size, text.Length - i)));
    }

    /// <summary>Writes <paramref name="bytes"/> in pieces of <paramref name="size"/> bytes.</summary>
    public async Task DeviceWriteChunkedBytesAsync(byte[] bytes, int size)
    {
        for (int i = 0; i < bytes.Length; i += size)
            await DeviceWriteAsync(bytes[i..Math.Min(bytes.Length, i + size)]);
    }

    public void DeviceClose() => _toClient.Writer.TryComplete();

    /// <summary>Everything the client sent so far, after waiting until it contains <paramref name="expected"/>.</summary>
    public async Task<string> ReadSentAsync(string expected, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!_sent.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var chunk = await _toDevice.Reader.ReadAsync(cts.Token);
            _sent.Append(Encoding.Latin1.GetString(chunk));
        }

        return _sent.ToString();
    }

    /// <summary>
    /// Waits until the client sent <paramref name="expected"/> after the previous call's match and
    /// returns what it sent in between (the match included).
    /// </summary>
    public async Task<string> WaitForSentAsync(string expected, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            string all = _sent.ToString();
            int at = all.IndexOf(expected, _checked, StringComparison.Ordinal);
            if (at >= 0)
            {
                string part = all[_checked..(at + expected.Length)];
                _checked = at + expected.Length;
                return part;
            }

            byte[] chunk;
            try
            {
                chunk = await _toDevice.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The client did not send '{expected}'; it sent: '{all[_checked..]}'");
            }
            catch (ChannelClosedException)
            {
                throw new InvalidOperationException($"The client closed before sending '{expected}'; it sent: '{all[_checked..]}'");
            }

            _sent.Append(Encoding.Latin1.GetString(chunk));
        }
    }

    /// <summary>Everything the client sent so far (without waiting).</summary>
    public string SentSoFar
    {
        get
        {
            while (_toDevice.Reader.TryRead(out var chunk))
                _sent.Append(Encoding.Latin1.GetString(chunk));
            return _sent.ToString();
        }
    }

    private sealed class ClientStream(TestDuplex owner) : Stream
    {
        private byte[]? _pending;
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pending is null || _offset == _pending.Length)
            {
                if (!await owner._toClient.Reader.WaitToReadAsync(cancellationToken))
                    return 0;
                _pending = await owner._toClient.Reader.ReadAsync(cancellationToken);
                _offset = 0;
            }

            int n = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await owner._toDevice.Writer.WriteAsync(buffer.ToArray(), cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use ReadAsync.");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use WriteAsync.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            owner._toClient.Writer.TryComplete();
            owner._toDevice.Writer.TryComplete();
            base.Dispose(disposing);
        }
    }
}
