using System.Text;

namespace Vty.Lab.Tests;

public class LargeOutputTests
{
    [Fact]
    public async Task TenMegabytesArriveWholeBeforeThePrompt()
    {
        const int size = 10 * 1024 * 1024;
        var device = new EmulatedDevice(DeviceProfiles.Get("ios"), new LabDeviceOptions { EnablePassword = null });
        (Stream client, Stream deviceSide) = InMemoryDuplex.CreatePair();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<int> session = device.RunSessionAsync(deviceSide, new LabSessionStart(PreAuthenticated: true), cts.Token);
        var buffer = new byte[64 * 1024];

        async Task<string> ReadUntilAsync(string marker)
        {
            var sb = new StringBuilder();
            while (!sb.ToString(Math.Max(0, sb.Length - 64), Math.Min(64, sb.Length)).EndsWith(marker, StringComparison.Ordinal))
            {
                int n = await client.ReadAsync(buffer, cts.Token);
                Assert.NotEqual(0, n);
                sb.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }
            return sb.ToString();
        }

        await ReadUntilAsync("Router>");
        await client.WriteAsync("enable\rterminal length 0\r"u8.ToArray(), cts.Token);
        await ReadUntilAsync("Router#terminal length 0\r\nRouter#");
        await client.WriteAsync("generate output 10485760\r"u8.ToArray(), cts.Token);

        long total = 0;
        int lines = 0;
        var tail = new StringBuilder();
        bool echoSkipped = false;
        while (true)
        {
            int n = await client.ReadAsync(buffer, cts.Token);
            Assert.NotEqual(0, n);
            string chunk = Encoding.Latin1.GetString(buffer, 0, n);
            if (!echoSkipped)
            {
                const string echo = "generate output 10485760\r\n";
                Assert.StartsWith(echo, chunk);
                chunk = chunk[echo.Length..];
                echoSkipped = true;
            }
            total += chunk.Length;
            foreach (char c in chunk)
            {
                if (c == '\n')
                    lines++;
            }
            tail.Append(chunk);
            if (tail.Length > 200)
                tail.Remove(0, tail.Length - 200);
            if (tail.ToString().EndsWith("\r\nRouter#", StringComparison.Ordinal))
                break;
        }
        Assert.Equal(size + "Router#".Length, total);
        Assert.Equal(size / 80, lines);
        Assert.Contains("0000131072 abcdefghij", tail.ToString());
        await client.DisposeAsync();
        await session.WaitAsync(cts.Token);
    }
}
