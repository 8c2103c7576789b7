using Vty.Telnet.Protocol;

namespace Vty.Telnet.Tests.Unit;

public sealed class TelnetEncoderTests
{
    private static byte[] Encode(byte[] data, bool binary)
    {
        var output = new byte[TelnetEncoder.MaxEncodedLength(data.Length)];
        return output[..TelnetEncoder.Encode(data, output, binary)];
    }

    [Fact]
    public void Iac_is_doubled_and_bare_cr_gets_nul()
    {
        Assert.Equal(new byte[] { 65, 255, 255, 13, 10, 13, 0, 66, 13, 0 }, Encode([65, 255, 13, 10, 13, 66, 13], binary: false));
    }

    [Fact]
    public void Binary_mode_only_doubles_iac()
    {
        Assert.Equal(new byte[] { 13, 255, 255, 0, 13 }, Encode([13, 255, 0, 13], binary: true));
    }

    [Fact]
    public void Encoded_stream_parses_back_to_the_original_bytes()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 13, 0, 13, 13, 10, 255, 255 }).ToArray();
        foreach (var binary in new[] { false, true })
        {
            var wire = Encode(all, binary);
            var parser = new TelnetParser(new RecordingParserEvents(), 64) { BinaryReceive = binary };
            var output = new byte[wire.Length];
            var n = parser.Parse(wire, output);
            Assert.Equal(all, output[..n]);
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    [InlineData(true, 4)]
    public void Random_data_round_trips_through_encoder_and_parser_in_random_chunks(bool binary, int seed)
    {
        var random = new Random(seed);
        var data = new byte[200_000];
        random.NextBytes(data);
        for (var i = 0; i < data.Length; i += random.Next(1, 40))
        {
            data[i] = random.Next(3) switch { 0 => 255, 1 => 13, _ => 10 };   // dense IAC, CR, LF
        }

        var wire = Encode(data, binary);
        var parser = new TelnetParser(new RecordingParserEvents(), 64) { BinaryReceive = binary };
        var decoded = new List<byte>(data.Length);
        for (var offset = 0; offset < wire.Length;)
        {
            var size = Math.Min(random.Next(1, 3000), wire.Length - offset);
            var output = new byte[size];
            var n = parser.Parse(wire.AsSpan(offset, size), output);
            decoded.AddRange(output.AsSpan(0, n).ToArray());
            offset += size;
        }

        Assert.Equal(data, decoded.ToArray());
    }

    [Fact]
    public void Subnegotiation_doubles_iac_in_payload()
    {
        Assert.Equal(new byte[] { 255, 250, 31, 0, 255, 255, 0, 24, 255, 240 }, TelnetEncoder.Subnegotiation(31, [0, 255, 0, 24]));
    }
}
