using System.Buffers;
using Vty.Ssh.Algorithms;

namespace Vty.Ssh.Transport;

/// <summary>
/// Encrypts payloads into wire packets and writes them to the stream, one at a time (the caller
/// holds the transport's write lock). Tracks the outgoing sequence number and byte count.
/// </summary>
internal sealed class SshPacketWriter : IDisposable
{
    // Small to start: an idle connection (a lab or server session) keeps only this much; the
    // buffer grows to the largest packet actually seen.
    private const int InitialBufferSize = 4 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;

    public SshPacketWriter(Stream stream, IPacketEncryptor encryptor)
    {
        _stream = stream;
        Encryptor = encryptor;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The encryptor for the next packet; replaced right after we send NEWKEYS.</summary>
    public IPacketEncryptor Encryptor { get; set; }

    public uint SequenceNumber { get; set; }

    public long BytesSinceRekey { get; set; }

    public long PacketsSinceRekey { get; set; }

    /// <summary>Encrypts and writes one packet.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        EnsureCapacity(Encryptor.GetMaxWireLength(payload.Length));
        int length = EncryptInto(payload.Span, 0);
        return WriteBufferAsync(length, ct);
    }

    /// <summary>
    /// Encrypts <paramref name="count"/> packets back to back and writes them with one stream write:
    /// bulk channel data costs one socket send per batch instead of one per packet.
    /// </summary>
    public ValueTask WriteManyAsync(ReadOnlyMemory<byte>[] payloads, int count, CancellationToken ct)
    {
        int max = 0;
        for (int i = 0; i < count; i++) max += Encryptor.GetMaxWireLength(payloads[i].Length);
        EnsureCapacity(max);
        int length = 0;
        for (int i = 0; i < count; i++) length += EncryptInto(payloads[i].Span, length);
        return WriteBufferAsync(length, ct);
    }

    private void EnsureCapacity(int max)
    {
        if (_buffer.Length >= max) return;
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = ArrayPool<byte>.Shared.Rent(max);
    }

    private int EncryptInto(ReadOnlySpan<byte> payload, int offset)
    {
        int length = Encryptor.Encrypt(SequenceNumber, payload, _buffer.AsSpan(offset));
        SequenceNumber++;
        BytesSinceRekey += length;
        PacketsSinceRekey++;
        return length;
    }

    private async ValueTask WriteBufferAsync(int length, CancellationToken ct)
    {
        try
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, length), ct);
        }
        catch (IOException e)
        {
            throw new SshDisconnectedException($"the connection was lost: {e.Message}", inner: e);
        }
        catch (ObjectDisposedException e)
        {
            throw new SshDisconnectedException("the connection is closed", inner: e);
        }
    }

    public void Dispose()
    {
        Encryptor.Dispose();
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
    }
}
