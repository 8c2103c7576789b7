using Vty.Telnet.Protocol;

namespace Vty.Telnet.Tests.Unit;

public sealed class TelnetParserTests
{
    private const byte Iac = 255;

    // Every construct at once: doubled IAC in data and in a subnegotiation, CR NUL, CR LF,
    // bare commands, negotiation, TTYPE and NAWS subnegotiations, a stray SE.
    private static readonly byte[] Stream =
    [
        (byte)'a', Iac, Iac, (byte)'b', 13, 0, (byte)'c', 13, 10,
        Iac, 241, Iac, 242, Iac, 243, Iac, 244, Iac, 245, Iac, 246, Iac, 247, Iac, 248, Iac, 249,
        Iac, 251, 1, Iac, 252, 3, Iac, 253, 24, Iac, 254, 31,
        Iac, 250, 24, 1, Iac, 240,
        (byte)'d', Iac, 240,
        Iac, 250, 31, 0, Iac, Iac, 0, 24, Iac, 240,
        Iac, Iac, Iac, Iac, 13, 0, 13,
    ];

    private const string ExpectedEvents =
        "[CMD 241][CMD 242][CMD 243][CMD 244][CMD 245][CMD 246][CMD 247][CMD 248][CMD 249]" +
        "[WILL 1][WONT 3][DO 24][DONT 31][SB 24 01][SB 31 00FF0018]";

    private static readonly byte[] ExpectedData =
        [(byte)'a', 255, (byte)'b', 13, (byte)'c', 13, 10, (byte)'d', 255, 255, 13, 13];

    private static (byte[] Data, string Events) Feed(IEnumerable<byte[]> chunks, bool binary = false)
    {
        var events = new RecordingParserEvents();
        var parser = new TelnetParser(events, 64) { BinaryReceive = binary };
        var data = new List<byte>();
        foreach (var chunk in chunks)
        {
            var output = new byte[chunk.Length];
            var n = parser.Parse(chunk, output);
            data.AddRange(output.AsSpan(0, n).ToArray());
        }

        return (data.ToArray(), events.Log.ToString());
    }

    [Fact]
    public void Whole_stream_parses_to_expected_data_and_events()
    {
        var (data, events) = Feed([Stream]);
        Assert.Equal(ExpectedData, data);
        Assert.Equal(ExpectedEvents, events);
    }

    [Fact]
    public void Every_single_split_point_gives_the_same_result()
    {
        for (var split = 0; split <= Stream.Length; split++)
        {
            var (data, events) = Feed([Stream[..split], Stream[split..]]);
            Assert.True(ExpectedData.AsSpan().SequenceEqual(data), $"data differs when split at {split}");
            Assert.True(ExpectedEvents == events, $"events differ when split at {split}: {events}");
        }
    }

    [Fact]
    public void Every_pair_of_split_points_gives_the_same_result()
    {
        for (var first = 0; first <= Stream.Length; first++)
        {
            for (var second = first; second <= Stream.Length; second++)
            {
                var (data, events) = Feed([Stream[..first], Stream[first..second], Stream[second..]]);
                Assert.True(ExpectedData.AsSpan().SequenceEqual(data), $"data differs when split at {first},{second}");
                Assert.True(ExpectedEvents == events, $"events differ when split at {first},{second}");
            }
        }
    }

    [Fact]
    public void Byte_at_a_time_gives_the_same_result()
    {
        var (data, events) = Feed(Stream.Select(b => new[] { b }));
        Assert.Equal(ExpectedData, data);
        Assert.Equal(ExpectedEvents, events);
    }

    [Fact]
    public void Binary_mode_keeps_nul_after_cr()
    {
        var (data, _) = Feed([[13, 0, 13, 10, Iac, Iac]], binary: true);
        Assert.Equal(new byte[] { 13, 0, 13, 10, 255 }, data);
    }

    [Fact]
    public void Oversized_subnegotiation_is_dropped_with_bounded_memory_and_data_continues()
    {
        var events = new RecordingParserEvents();
        var parser = new TelnetParser(events, 4096);
        var chunk = new byte[8192];
        Array.Fill(chunk, (byte)'x');
        var output = new byte[8192];
        var data = new List<byte>();

        var before = GC.GetAllocatedBytesForCurrentThread();
        data.AddRange(output.AsSpan(0, parser.Parse([(byte)'A', Iac, 250, 24], output)).ToArray());
        for (var i = 0; i < 128; i++)
        {
            Assert.Equal(0, parser.Parse(chunk, output));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        data.AddRange(output.AsSpan(0, parser.Parse([Iac, 240, (byte)'B'], output)).ToArray());

        Assert.Equal("AB"u8.ToArray(), data);
        Assert.Equal(1, events.Overflows);
        Assert.Equal(128 * 8192, events.LastOverflowLength);
        Assert.DoesNotContain("[SB 24", events.Log.ToString(), StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"a 1 MiB subnegotiation allocated {allocated} bytes");
    }

    [Fact]
    public void Command_inside_subnegotiation_ends_it_and_is_processed()
    {
        var (data, events) = Feed([[Iac, 250, 24, 0, (byte)'v', (byte)'t', Iac, 251, 3, (byte)'z']]);
        Assert.Equal("[SB 24 007674][WILL 3]", events);
        Assert.Equal("z"u8.ToArray(), data);
    }

    [Fact]
    public void Unterminated_subnegotiation_swallows_data_but_reports_its_state()
    {
        var events = new RecordingParserEvents();
        var parser = new TelnetParser(events, 64);
        var output = new byte[16];
        var n = parser.Parse([(byte)'k', Iac, 250, 39, 1, 2, 3], output);
        Assert.Equal(1, n);
        Assert.True(parser.InSubnegotiation);
        Assert.Equal(39, parser.SubnegotiationOption);
        Assert.Equal(3, parser.SubnegotiationLength);
    }
}
