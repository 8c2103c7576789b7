using System.Buffers;

namespace Vty.Ssh.Sftp.Protocol;

/// <summary>One received SFTP packet (type byte first) in a pooled buffer; <see cref="Release"/> returns it.</summary>
internal readonly struct SftpFrame(byte[] buffer, int length)
{
    public byte Type => buffer[0];

    /// <summary>Everything after the type byte.</summary>
    public ReadOnlySpan<byte> Body => buffer.AsSpan(1, length - 1);

    public int Length => length;

    /// <summary>A slice of the packet (offsets into <see cref="Body"/>), valid until <see cref="Release"/>.</summary>
    public ReadOnlyMemory<byte> BodyMemory(int start, int count) => buffer.AsMemory(1 + start, count);

    public void Release() => ArrayPool<byte>.Shared.Return(buffer);
}
