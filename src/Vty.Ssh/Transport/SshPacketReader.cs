using System.Buffers;
using System.Text;
using Vty.Ssh.Algorithms;

namespace Vty.Ssh.Transport;

/// <summary>
/// Reads the peer's identification line and then binary packets (RFC 4253 §6) from a stream
/// through one pooled buffer, decrypting with the current <see cref="IPacketDecryptor"/>. Packet
/// lengths above <see cref="PacketLengthLimit"/> are refused before anything is allocated, and the
/// buffer grows with the bytes that actually arrive, never with the length a peer merely announces.
/// </summary>
internal sealed class SshPacketReader : IDisposable
{
    /// <summary>Largest packet_length accepted: OpenSSH's limit (256 KiB), well above RFC 4253's 35000.</summary>
    public const int MaxPacketLength = 256 * 1024;

    /// <summary>
    /// Largest packet a server accepts before the client is authenticated: RFC 4253 §6.1's 35000
    /// bytes, which every implementation must handle. Nothing legitimate before authentication
    /// (KEXINIT, hybrid post-quantum key shares, user keys and signatures) comes near it.
    /// </summary>
    public const int PreAuthenticationMaxPacketLength = 35_000;

    // Small to start: an idle connection (a lab or server session) keeps only this much; the
    // buffer grows to the largest packet actually seen.
    private const int InitialBufferSize = 4 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _packetLengthLimit = MaxPacketLength;

    public SshPacketReader(Stream stream, IPacketDecryptor decryptor)
    {
        _stream = stream;
        Decryptor = decryptor;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>Largest packet_length accepted now (see <see cref="PreAuthenticationMaxPacketLength"/>).</summary>
    public int PacketLengthLimit
    {
        get => Volatile.Read(ref _packetLengthLimit);
        set => Volatile.Write(ref _packetLengthLimit, Math.Clamp(value, 1024, MaxPacketLength));
    }

    /// <summary>Bytes of buffer held now (for tests and memory accounting).</summary>
    internal int BufferCapacity => _buffer.Length;

    /// <summary>The decryptor for the next packet; replaced at NEWKEYS.</summary>
    public IPacketDecryptor Decryptor { get; set; }

    /// <summary>Sequence number of the next packet.</summary>
    public uint SequenceNumber { get; set; }

    /// <summary>Wire bytes read since the counter was last reset (for re-key limits).</summary>
    public long BytesSinceRekey { get; set; }

    /// <summary>Packets read since the counter was last reset.</summary>
    public long PacketsSinceRekey { get; set; }

    /// <summary>Reads one line ending in LF (CR stripped), refusing lines longer than <paramref name="maxLength"/>.</summary>
    public async Task<string> ReadLineAsync(int maxLength, CancellationToken ct)
    {
        int scanned = 0;
        while (true)
        {
            int index = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
            if (index >= 0)
            {
                int length = index - _start + 1;
                if (length > maxLength)
                    throw new SshProtocolException($"the peer sent a line longer than {maxLength} bytes before the SSH identification");
                int textLength = length - 1;
                if (textLength > 0 && _buffer[_start + textLength - 1] == '\r') textLength--;
                string line = Encoding.Latin1.GetString(_buffer, _start, textLength);
                _start += length;
                return line;
            }
            scanned = _end - _start;
            if (scanned >= maxLength)
                throw new SshProtocolException($"the peer sent a line longer than {maxLength} bytes before the SSH identification");
            if (!await FillAsync(scanned + 1, ct))
                throw new SshDisconnectedException("the peer closed the connection");
        }
    }

    /// <summary>
    /// Reads and decrypts the next packet and returns its payload; the memory stays valid until
    /// the next call. Returns empty memory when the peer closed the connection between packets (the
    /// usual end of a session, so it throws nothing); throws <see cref="SshPacketTooLargeException"/>,
    /// <see cref="SshMacException"/>, <see cref="SshProtocolException"/>, or
    /// <see cref="SshDisconnectedException"/> when the stream fails or ends inside a packet.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken ct)
    {
        int first = Decryptor.FirstBlockLength;
        if (_end - _start < first && !await FillAsync(first, ct))
            return ReadOnlyMemory<byte>.Empty;
        uint packetLength = Decryptor.DecryptLength(SequenceNumber, _buffer.AsSpan(_start, first));
        int limit = PacketLengthLimit;
        if (packetLength > limit)
            throw new SshPacketTooLargeException(packetLength, limit, limit < MaxPacketLength);
        if (packetLength < 5)
            throw new SshProtocolException($"the peer sent a packet of {packetLength} bytes, too short to be valid");
        int total = first + Decryptor.GetRemainingLength(packetLength);
        if (_end - _start < total) await FillAsync(total, ct); // unread bytes are there: an end here throws
        Range payload = Decryptor.Decrypt(SequenceNumber, _buffer.AsSpan(_start, total));
        var (offset, length) = payload.GetOffsetAndLength(total);
        if (length < 1)
            throw new SshProtocolException("the peer sent a packet with an empty payload");
        var memory = new ReadOnlyMemory<byte>(_buffer, _start + offset, length);
        _start += total;
        SequenceNumber++;
        BytesSinceRekey += total;
        PacketsSinceRekey++;
        return memory;
    }

    /// <summary>
    /// Makes at least <paramref name="count"/> unread bytes available. Returns false when the stream
    /// ended with nothing unread; an end after part of what is needed throws.
    /// </summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken ct)
    {
        while (_end - _start < count)
        {
            if (_end == _buffer.Length) MakeRoom(count);
            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
            }
            catch (IOException e)
            {
                throw new SshDisconnectedException($"the connection was lost: {e.Message}", inner: e);
            }
            if (read == 0)
            {
                if (_end - _start == 0) return false;
                throw new SshDisconnectedException($"the peer closed the connection in the middle of a packet ({_end - _start} of {count} bytes received)");
            }
            _end += read;
        }
        return true;
    }

    /// <summary>
    /// Frees space at the end of a full buffer: moves the unread bytes to the front when that frees
    /// any, otherwise doubles the buffer (up to <paramref name="count"/>). Growing only once the
    /// buffer is full of received bytes keeps a peer that announces a large packet and then stalls
    /// at the memory it really sent.
    /// </summary>
    private void MakeRoom(int count)
    {
        int unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _start = 0;
            _end = unread;
            return;
        }
        int size = (int)Math.Min(Math.Max(count, unread + 1), Math.Max(2L * _buffer.Length, InitialBufferSize));
        byte[] bigger = ArrayPool<byte>.Shared.Rent(size);
        Buffer.BlockCopy(_buffer, 0, bigger, 0, unread);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = bigger;
    }

    public void Dispose()
    {
        Decryptor.Dispose();
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
    }
}
