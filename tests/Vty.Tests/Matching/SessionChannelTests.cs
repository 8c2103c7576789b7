using System.Text;
using System.Text.RegularExpressions;
using Vty.Matching;
using Vty.Tests.Support;

namespace Vty.Tests.Matching;

public sealed class SessionChannelTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly Regex Prompt = new(@"[\r\n]router[>#] ?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static (TestDuplex Device, SessionChannel Channel) Open(SessionChannelOptions? options = null)
    {
        var device = new TestDuplex();
        var channel = new SessionChannel(device.Client, options ?? new SessionChannelOptions());
        channel.Start();
        return (device, channel);
    }

    private static Task<ScanHit> Expect(SessionChannel channel, Regex pattern, bool consume = true, TimeSpan? timeout = null) =>
        channel.WaitForMatchAsync([pattern], consume, null, timeout ?? Limit, CancellationToken.None).WaitAsync(Limit * 2);

    [Fact]
    public async Task FindsAPromptSplitIntoSingleBytes()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        var waiting = Expect(channel, Prompt);
        await device.DeviceWriteChunkedAsync("show clock\r\n12:00:00.000 UTC\r\nrouter#", 1);
        var hit = await waiting;
        Assert.Equal("\nrouter#", hit.Match.Value);
        Assert.Equal("show clock\n12:00:00.000 UTC", hit.Before);
        Assert.Equal("show clock\r\n12:00:00.000 UTC\r\nrouter#", Encoding.Latin1.GetString(hit.RawBytes));
    }

    [Fact]
    public async Task WaitForDoesNotConsumeButExpectDoes()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        await device.DeviceWriteAsync("banner\r\nrouter>");
        var peek = await Expect(channel, Prompt, consume: false);
        var again = await Expect(channel, Prompt, consume: false);
        Assert.Equal(peek.Start, again.Start);
        Assert.Equal("banner\nrouter>", channel.BufferedText);

        var taken = await Expect(channel, Prompt, consume: true);
        Assert.Equal(peek.Start, taken.Start);
        Assert.Equal("", channel.BufferedText);
        await Assert.ThrowsAsync<ExpectTimeoutException>(() => Expect(channel, Prompt, timeout: TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task EarliestMatchWinsAndTiesGoToTheFirstPattern()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        await device.DeviceWriteAsync("one two three");
        var hit = await channel.WaitForMatchAsync([new Regex("three"), new Regex("two"), new Regex("t[a-z]o")], true, null, Limit, CancellationToken.None).WaitAsync(Limit);
        Assert.Equal(1, hit.PatternIndex);
        Assert.Equal("one ", hit.Before);
        Assert.Equal(" three", channel.BufferedText);
    }

    [Fact]
    public async Task CleansEscapeSequencesBeforeMatchingAndKeepsRawBytes()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        var waiting = Expect(channel, Prompt);
        string raw = "\x1b]0;router: ~\x07\x1b[1;32mok\x1b[0m\r\nrouter\x1b[K#";
        await device.DeviceWriteChunkedAsync(raw, 3);
        var hit = await waiting;
        Assert.Equal("ok", hit.Before);
        Assert.Equal(raw, Encoding.Latin1.GetString(hit.RawBytes));
    }

    [Fact]
    public async Task TimeoutCarriesTheTailAndThePatterns()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        await device.DeviceWriteAsync("Do you really want to reload? [confirm]");
        var ex = await Assert.ThrowsAsync<ExpectTimeoutException>(() => Expect(channel, Prompt, timeout: TimeSpan.FromMilliseconds(200)));
        Assert.Contains("[confirm]", ex.ReceivedTail, StringComparison.Ordinal);
        Assert.Equal([Prompt.ToString()], ex.Patterns);
        Assert.Contains("[confirm]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APromptAfterALongUnbrokenLineIsFoundOnTheCurrentLine()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        var prompt = new Regex(@"router[>#] ?$", RegexOptions.None, TimeSpan.FromSeconds(1));
        var waiting = channel.WaitForMatchAsync(MatchPattern.CurrentLine([prompt]), true, null, Limit, CancellationToken.None).WaitAsync(Limit * 2);
        string longLine = new('a', 16 * SessionChannel.MaxPromptChars);
        await device.DeviceWriteChunkedAsync("cat blob\r\n" + longLine + "router#", 512);
        var hit = await waiting;
        Assert.Equal("router#", hit.Match.Value);
        Assert.EndsWith(longLine, hit.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACurrentLinePromptMustStartWithinTheLastMaxPromptChars()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        // Matches only from the start of the line, which lies further back than a prompt can.
        var wholeLine = new Regex(@"^x+#$", RegexOptions.None, TimeSpan.FromSeconds(1));
        await device.DeviceWriteAsync(new string('x', SessionChannel.MaxPromptChars + 10) + "#");
        await Assert.ThrowsAsync<ExpectTimeoutException>(() =>
            channel.WaitForMatchAsync(MatchPattern.CurrentLine([wholeLine]), true, null, TimeSpan.FromMilliseconds(300), CancellationToken.None).WaitAsync(Limit));
        // The same shape within the window is a prompt.
        await device.DeviceWriteAsync("\r\nxxxx#");
        var hit = await channel.WaitForMatchAsync(MatchPattern.CurrentLine([wholeLine]), true, null, Limit, CancellationToken.None).WaitAsync(Limit * 2);
        Assert.Equal("xxxx#", hit.Match.Value);
    }

    [Fact]
    public async Task CancellationTokenStopsTheWait()
    {
        var (_, channel) = Open();
        await using var __ = channel;
        using var cts = new CancellationTokenSource();
        var waiting = channel.WaitForMatchAsync([Prompt], true, null, Limit, cts.Token);
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<CancelledException>(() => waiting.WaitAsync(Limit));
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task CancelExpectFromDataReceivedStopsTheWait()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        channel.DataReceived += (text, _) =>
        {
            if (text.Span.Contains("abort", StringComparison.Ordinal))
                channel.CancelExpect();
        };
        var waiting = Expect(channel, Prompt);
        await device.DeviceWriteAsync("please abort\r\n");
        await Assert.ThrowsAsync<ExpectCancelledException>(() => waiting);
    }

    [Fact]
    public async Task ClosedStreamFailsTheWaitWithWhatWasSaid()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        var waiting = Expect(channel, Prompt);
        await device.DeviceWriteAsync("% Connection refused by remote host\r\n");
        device.DeviceClose();
        var ex = await Assert.ThrowsAsync<ConnectionClosedException>(() => waiting);
        Assert.Contains("Connection refused", ex.ReceivedTail, StringComparison.Ordinal);
        Assert.True(channel.IsEndOfStream);
    }

    [Fact]
    public async Task OnlyOneWaitAtATime()
    {
        var (_, channel) = Open();
        await using var __ = channel;
        var first = Expect(channel, Prompt, timeout: TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => channel.WaitForMatchAsync([Prompt], true, null, Limit, CancellationToken.None));
        await Assert.ThrowsAsync<ExpectTimeoutException>(() => first);
    }

    [Fact]
    public async Task MonitorFiresOncePerMatch()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        var seen = new List<string>();
        using var monitor = channel.AddMonitor(new Regex(@"%LINK-3-UPDOWN: Interface ([^,\s]+),"), (_, m) => seen.Add(m.Groups[1].Value), 80);
        await device.DeviceWriteChunkedAsync("%LINK-3-UPDOWN: Interface Gi0/1, changed\r\nfoo\r\n%LINK-3-UPDOWN: Interface Gi0/2, changed\r\nrouter#", 5);
        await Expect(channel, Prompt);
        Assert.Equal(["Gi0/1", "Gi0/2"], seen);
    }

    [Fact]
    public async Task ReadsTenMegabytesToThePrompt()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        var waiting = Expect(channel, Prompt);
        string line = new string('x', 78) + "\r\n";
        var block = new StringBuilder();
        for (int i = 0; i < 1000; i++)
            block.Append(line);
        byte[] blockBytes = Encoding.Latin1.GetBytes(block.ToString());
        for (int i = 0; i < 128; i++)
            await device.DeviceWriteAsync(blockBytes);
        await device.DeviceWriteAsync("router#");
        var hit = await waiting;
        Assert.Equal((128 * 1000 * 79) - 1, hit.Before.Length);
        Assert.Equal(128 * 1000 * 80 + 7, hit.RawBytes.Length);
        Assert.Equal("\nrouter#", hit.Match.Value);
    }

    [Fact]
    public async Task TextWiderThanLatin1AcrossSegmentBoundariesComesBackIntact()
    {
        // Segments switch from one byte to two per character when a wider one arrives; output
        // spanning several segments, with such characters here and there, must read back unchanged.
        var (device, channel) = Open(new SessionChannelOptions { Encoding = Encoding.UTF8 });
        await using var _ = channel;
        var text = new StringBuilder();
        for (int i = 0; text.Length < 3 * SegmentedText.SegmentChars + 1000; i++)
            text.Append(i % 997 == 0 ? $"line {i} costs 5 \u20ac \u2014 \u043e\u043a\r\n" : $"line {i} plain ascii text\r\n");
        var waiting = Expect(channel, Prompt);
        await device.DeviceWriteChunkedBytesAsync(Encoding.UTF8.GetBytes(text + "router#"), 7001);
        var hit = await waiting;
        Assert.Equal(text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'), hit.Before);
        Assert.Equal(Encoding.UTF8.GetBytes(text + "router#"), hit.RawBytes);
    }

    [Fact]
    public async Task BufferLimitFailsTheWaitInsteadOfGrowingForever()
    {
        var (device, channel) = Open(new SessionChannelOptions { MaxOutput = 10_000 });
        await using var _ = channel;
        var waiting = Expect(channel, Prompt);
        await device.DeviceWriteAsync(new string('y', 20_000));
        await Assert.ThrowsAsync<OutputLimitExceededException>(() => waiting);
        channel.Flush();
        await device.DeviceWriteAsync("\r\nrouter>");
        var hit = await Expect(channel, Prompt);
        Assert.Equal("\nrouter>", hit.Match.Value);
    }

    [Fact]
    public async Task TranscriptRedactsSecretsTheDeviceEchoes()
    {
        var transcript = new StringWriter();
        var (device, channel) = Open(new SessionChannelOptions { Transcript = transcript });
        await device.DeviceWriteAsync("Password: ");
        await Expect(channel, new Regex("Password: $"));
        await channel.SendAsync("hunter22\r", secret: true, CancellationToken.None);
        Assert.Contains("hunter22", await device.ReadSentAsync("hunter22"), StringComparison.Ordinal);
        await device.DeviceWriteAsync("hunter22\r\nrouter>");
        await Expect(channel, Prompt);
        device.DeviceClose();
        await channel.CloseAsync(force: false);
        string log = transcript.ToString();
        Assert.DoesNotContain("hunter22", log, StringComparison.Ordinal);
        Assert.Contains("Password: ********", log, StringComparison.Ordinal);
        Assert.EndsWith("router>", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8IsDecodedAcrossChunkBoundaries()
    {
        var (device, channel) = Open(new SessionChannelOptions { Encoding = Encoding.UTF8 });
        await using var _ = channel;
        var waiting = Expect(channel, Prompt);
        byte[] bytes = Encoding.UTF8.GetBytes("Grüße – 東京\r\nrouter#");
        foreach (byte b in bytes)
            await device.DeviceWriteAsync([b]);
        var hit = await waiting;
        Assert.Equal("Grüße – 東京", hit.Before);
    }

    [Fact]
    public async Task ScanFromSkipsEarlierMatches()
    {
        var (device, channel) = Open();
        await using var _ = channel;
        await device.DeviceWriteAsync("denied once\r\ndenied twice\r\n");
        var denied = new Regex("denied (\\w+)");
        var first = await channel.WaitForMatchAsync([denied], false, null, Limit, CancellationToken.None).WaitAsync(Limit);
        var second = await channel.WaitForMatchAsync([denied], false, first.End, Limit, CancellationToken.None).WaitAsync(Limit);
        Assert.Equal("once", first.Match.Groups[1].Value);
        Assert.Equal("twice", second.Match.Groups[1].Value);
    }
}
