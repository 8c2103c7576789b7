using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Sftp.Client;

/// <summary>
/// A run of WRITE requests for consecutive chunks of a local file, laid out back to back in one
/// pooled buffer: the file is read (one scatter read) straight into the data fields, the headers
/// are filled in after, and the whole block goes out as one channel write.
/// </summary>
internal sealed class SftpWriteBlock : IDisposable
{
    private readonly byte[] _handle;
    private readonly int _chunk;
    private readonly int _header;
    private readonly List<Memory<byte>> _segments;
    private byte[] _buffer;

    public SftpWriteBlock(byte[] handle, int chunk, int requests)
    {
        _handle = handle;
        _chunk = chunk;
        // uint32 length, byte type, uint32 id, string handle, uint64 offset, uint32 data length
        _header = 4 + 1 + 4 + 4 + handle.Length + 8 + 4;
        _segments = new List<Memory<byte>>(requests);
        _buffer = ArrayPool<byte>.Shared.Rent(requests * (_header + chunk));
        Capacity = requests;
    }

    /// <summary>Requests per block.</summary>
    public int Capacity { get; }

    /// <summary>Reads up to a block of the file at <paramref name="offset"/> into the data fields; returns the bytes read.</summary>
    public async ValueTask<int> ReadAsync(SafeFileHandle file, long offset, long size, CancellationToken ct)
    {
        _segments.Clear();
        long left = size - offset;
        for (int i = 0; i < Capacity && left > 0; i++)
        {
            int length = (int)Math.Min(_chunk, left);
            _segments.Add(_buffer.AsMemory(i * (_header + _chunk) + _header, length));
            left -= length;
        }
        return (int)await RandomAccess.ReadAsync(file, _segments, offset, ct);
    }

    /// <summary>
    /// Writes the headers for the <paramref name="count"/> bytes read, registers each request's
    /// reply (queued with its offset and length), and returns the packets to send.
    /// </summary>
    public ReadOnlyMemory<byte> Seal(long offset, int count, SftpSession session, Queue<(long Offset, int Length, ValueTask<SftpFrame> Reply)> inFlight, CancellationToken ct)
    {
        int end = 0;
        for (int i = 0; count > 0; i++)
        {
            // A scatter read fills the fields in order, so only the last one can be short.
            int length = Math.Min(_chunk, count);
            Span<byte> header = _buffer.AsSpan(i * (_header + _chunk), _header);
            uint id = session.NextId();
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)(_header - 4 + length));
            header[4] = SftpPacketType.Write;
            BinaryPrimitives.WriteUInt32BigEndian(header[5..], id);
            BinaryPrimitives.WriteUInt32BigEndian(header[9..], (uint)_handle.Length);
            _handle.CopyTo(header[13..]);
            BinaryPrimitives.WriteUInt64BigEndian(header[(13 + _handle.Length)..], (ulong)offset);
            BinaryPrimitives.WriteUInt32BigEndian(header[(21 + _handle.Length)..], (uint)length);
            inFlight.Enqueue((offset, length, session.Expect(id, "write", inline: true, ct)));
            end = i * (_header + _chunk) + _header + length;
            offset += length;
            count -= length;
        }
        return _buffer.AsMemory(0, end);
    }

    public void Dispose()
    {
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
