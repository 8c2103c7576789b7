namespace Vty.Telnet.Tests.Infrastructure;

internal static class StreamReading
{
    /// <summary>Reads exactly <paramref name="count"/> bytes or throws.</summary>
    public static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, Timeouts.Token());
        return buffer;
    }

    /// <summary>Reads until the stream ends and returns all bytes.</summary>
    public static async Task<byte[]> ReadToEndAsync(Stream stream, TimeSpan? timeout = null)
    {
        using var memory = new MemoryStream();
        var token = Timeouts.Token(timeout);
        var buffer = new byte[8192];
        while (true)
        {
            var n = await stream.ReadAsync(buffer, token);
            if (n == 0)
            {
                return memory.ToArray();
            }

            memory.Write(buffer, 0, n);
        }
    }
}
