using System.Net.Sockets;

namespace Vty.Bench.Ssh.Floor;

/// <summary>The two socket steps both sides of the floor use.</summary>
internal static class FloorSocket
{
    /// <summary>Receives exactly <paramref name="bytes"/> bytes, in as many reads as the kernel hands them over.</summary>
    public static async ValueTask ReceiveExactlyAsync(Socket socket, byte[] buffer, int bytes, CancellationToken ct)
    {
        while (bytes > 0)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(0, Math.Min(bytes, buffer.Length)), SocketFlags.None, ct);
            if (n == 0) throw new IOException($"the peer closed with {bytes} bytes of the flight still to come");
            bytes -= n;
        }
    }

    /// <summary>Sends <paramref name="bytes"/> bytes in one send call when they fit the buffer.</summary>
    public static async ValueTask SendZerosAsync(Socket socket, byte[] buffer, int bytes, CancellationToken ct)
    {
        while (bytes > 0)
        {
            int n = Math.Min(bytes, buffer.Length);
            await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct);
            bytes -= n;
        }
    }
}
