using System.Text;
using System.Text.RegularExpressions;
using Vty.Drivers;
using Vty.Matching;
using Vty.Tests.Support;

namespace Vty.Tests.Matching;

/// <summary>
/// A current line that grows a few bytes per read (progress marks on a slow link, a serial
/// console) while Execute waits for the prompt: each read must cost what arrived plus a bounded
/// window, not the whole line again. Work is counted in characters the channel copies, writes,
/// compares or hands to a regex, never in seconds. Before, every read copied the whole current
/// line (up to 16 KiB) into the buffer and again out of it for the prompt regex: about 22 000
/// characters per 16-byte read, against a bound of about 7 700 here.
/// </summary>
public sealed class LongLineCostTests
{
    private const int Piece = 16;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("ios", 'a', 64 * 1024)]
    [InlineData("ios", '.', 64 * 1024)]
    [InlineData("generic", '!', 64 * 1024)]
    public async Task Each_read_of_a_long_line_costs_what_arrived_plus_a_bounded_window(string driverName, char filler, int length)
    {
        var device = new TestDuplex();
        var channel = new SessionChannel(device.Client, new SessionChannelOptions());
        await using var _ = channel;
        channel.Start();
        var prompts = MatchPattern.CurrentLine(DriverCatalog.Builtin.Get(driverName).PromptPatterns);
        var waiting = channel.WaitForMatchAsync(prompts, consume: true, null, Limit, CancellationToken.None);

        // One piece at a time, each looked at by the waiting scan before the next is sent.
        byte[] piece = Encoding.Latin1.GetBytes(new string(filler, Piece));
        for (int sent = 0; sent < length; sent += Piece)
        {
            long scans = channel.Work.Scans;
            await device.DeviceWriteAsync(piece);
            await ScannedAfterAsync(channel, scans);
        }

        var (work, scanned) = channel.Work;
        // Per received character: copied from the cleaner, written to the buffer. Per scan: the
        // window sliced once and given to each pattern, and a little slack.
        long bound = 4L * length + scanned * (prompts.Count + 2L) * (SessionChannel.MaxPromptChars + ReceiveBuffer.ContextChars);
        Assert.True(scanned >= length / Piece, $"{scanned} scans for {length / Piece} reads");
        Assert.True(work <= bound, $"{work} characters of work for a {length}-character line in {scanned} scans: more than {bound}, so reads re-read the line");

        // The prompt after it is still found, with the whole line before it.
        await device.DeviceWriteAsync("\r\nrouter#");
        var hit = await waiting.WaitAsync(Limit);
        Assert.Equal("router#", hit.Match.Value.Trim());
        Assert.Equal(new string(filler, length) + "\n", hit.Before);
    }

    [Fact]
    public async Task A_rewritten_long_line_is_still_matched_as_the_terminal_shows_it()
    {
        // A spinner redraws the end of a long line: the unchanged start is kept, the end replaced.
        var device = new TestDuplex();
        var channel = new SessionChannel(device.Client, new SessionChannelOptions());
        await using var _ = channel;
        channel.Start();
        var prompt = new Regex(@"router# ?$", RegexOptions.None, TimeSpan.FromSeconds(1));
        var waiting = channel.WaitForMatchAsync(MatchPattern.CurrentLine([prompt]), consume: true, null, Limit, CancellationToken.None);
        string body = new('=', 40_000);
        await device.DeviceWriteChunkedAsync(body, 1000);
        foreach (char spin in "|/-\\|/-\\")
            await device.DeviceWriteAsync(spin + "\b");
        await device.DeviceWriteAsync("done\r\nrouter#");
        var hit = await waiting.WaitAsync(Limit);
        Assert.Equal(body + "done\n", hit.Before);
    }

    private static async Task ScannedAfterAsync(SessionChannel channel, long scans)
    {
        long deadline = Environment.TickCount64 + (long)Limit.TotalMilliseconds;
        while (channel.Work.Scans <= scans)
        {
            Assert.True(Environment.TickCount64 < deadline, "the waiting scan never looked at the piece");
            await Task.Yield();
        }
    }
}
