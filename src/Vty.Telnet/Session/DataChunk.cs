using System.Buffers;

namespace Vty.Telnet.Session;

/// <summary>A pooled buffer holding received application data; returned to the pool once read.</summary>
internal readonly record struct DataChunk(byte[]? Buffer, int Length)
{
    public bool IsEnd => Buffer is null;

    public void Return()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
