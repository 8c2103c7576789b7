using System.Text;
using System.Text.RegularExpressions;
using Vty.Matching;
using Vty.Protocols;
using Vty.Tests.Support;

namespace Vty.Tests.Matching;

/// <summary>
/// A device that streams without a prompt, or floods NULs, against the default output limit: the
/// wait fails with <see cref="OutputLimitExceededException"/> once 64 MiB arrived, and what the
/// session holds then is measured on the GC heap per byte received.
/// </summary>
[Collection(nameof(OutputLimitMemoryTests))]
public sealed class OutputLimitMemoryTests
{
    private const int BlockSize = 64 * 1024;
    private static readonly Regex Prompt = new(@"[\r\n]router[>#] ?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static byte[] EndlessLines()
    {
        byte[] line = Encoding.ASCII.GetBytes("endless output from a device that never shows a prompt .......\r\n");
        var block = new byte[BlockSize];
        for (int i = 0; i < block.Length; i++)
            block[i] = line[i % line.Length];
        return block;
    }

    [Theory]
    [InlineData("text", true, 2.25)]
    [InlineData("text", false, 1.25)]
    [InlineData("nul", true, 1.25)]
    [InlineData("nul", false, 0.25)]
    public async Task A_stream_without_a_prompt_stops_at_the_limit_with_bounded_memory(string content, bool keepRaw, double maxBytesPerByte)
    {
        byte[] block = content == "text" ? EndlessLines() : new byte[BlockSize];
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        var device = new TestDuplex();
        var channel = new SessionChannel(device.Client, new SessionChannelOptions { KeepRawBytes = keepRaw });
        await using var _ = channel;
        channel.Start();
        var waiting = channel.WaitForMatchAsync([Prompt], consume: true, null, Timeout.InfiniteTimeSpan, CancellationToken.None);

        // A little more than the limit; the same array is queued again and again, so the device
        // side costs nothing.
        long limit = ProtocolOptions.DefaultMaxOutput;
        for (long sent = 0; sent < limit + 4 * BlockSize; sent += BlockSize)
            await device.DeviceWriteAsync(block);

        var error = await Assert.ThrowsAsync<OutputLimitExceededException>(() => waiting.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(limit, error.Limit);
        Assert.Contains("more than 64 MiB (the output limit)", error.Message, StringComparison.Ordinal);
        long received = channel.BytesReceived;
        Assert.InRange(received, limit, limit + 4 * BlockSize);

        long held = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        double perByte = (double)held / received;
        Assert.True(perByte <= maxBytesPerByte, $"the session holds {held / 1_000_000} MB for {received / 1_000_000} MB received: {perByte:0.00} bytes per byte (at most {maxBytesPerByte})");
        GC.KeepAlive(channel);
    }

    [Fact]
    public async Task A_wait_begun_after_output_piled_up_scans_it_through_a_bounded_copy()
    {
        // Before, the first scan copied everything unconsumed into one array: three hosts that
        // streamed during login each cost a copy of up to 64 M characters at once (issue 9 item 4).
        var device = new TestDuplex();
        var channel = new SessionChannel(device.Client, new SessionChannelOptions { KeepRawBytes = false });
        await using var _ = channel;
        channel.Start();
        byte[] block = EndlessLines();
        const long Piled = 8L * 1024 * 1024;
        for (long sent = 0; sent < Piled; sent += BlockSize)
            await device.DeviceWriteAsync(block);
        using (var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (channel.BytesReceived < Piled)
                await Task.Delay(20, cts.Token);
        }

        // The first scan runs on this thread before the wait yields.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var waiting = channel.WaitForMatchAsync([Prompt], consume: true, null, Timeout.InfiniteTimeSpan, CancellationToken.None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(waiting.IsCompleted);
        Assert.True(allocated < 2_000_000, $"scanning {Piled / 1_000_000} MB of held text allocated {allocated / 1_000_000.0:0.0} MB");

        // The prompt after all that is still found.
        await device.DeviceWriteAsync(Encoding.ASCII.GetBytes("\r\nrouter#"));
        ScanHit hit = await waiting.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("router#", hit.Match.Value, StringComparison.Ordinal);
        Assert.True(hit.Before.Length >= Piled * 63 / 64 - 1024, $"{hit.Before.Length} characters before the prompt");
    }
}

/// <summary>
/// The memory figures above are read from the whole process's heap, so this collection runs alone,
/// after the parallel ones (other tests' allocations made it fail under a loaded full run).
/// </summary>
[CollectionDefinition(nameof(OutputLimitMemoryTests), DisableParallelization = true)]
public sealed class OutputLimitMemoryCollection;
