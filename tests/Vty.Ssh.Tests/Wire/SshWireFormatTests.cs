using System.Globalization;
using System.Numerics;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Wire;

public sealed class SshWireFormatTests
{
    // RFC 4251 §5, the mpint examples.
    [Theory]
    [InlineData("0", "00000000")]
    [InlineData("9a378f9b2e332a7", "0000000809a378f9b2e332a7")]
    [InlineData("80", "000000020080")]
    [InlineData("-1234", "00000002edcc")]
    [InlineData("-deadbeef", "00000005ff21524111")]
    public void MPInt_matches_the_rfc_examples_and_round_trips(string hex, string wire)
    {
        bool negative = hex.StartsWith('-');
        BigInteger value = BigInteger.Parse("0" + hex.TrimStart('-'), NumberStyles.HexNumber);
        if (negative) value = -value;

        using var writer = new SshWriter();
        writer.WriteMPInt(value);

        Assert.Equal(wire, Convert.ToHexStringLower(writer.WrittenSpan));
        var reader = new SshReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadMPInt());
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void Unsigned_magnitudes_get_a_zero_byte_when_the_high_bit_is_set_and_lose_leading_zeros()
    {
        using var writer = new SshWriter();
        writer.WriteMPInt([0x00, 0x00, 0x80, 0x01]);
        writer.WriteMPInt([0x00, 0x00]);

        Assert.Equal("00000003008001" + "00000000", Convert.ToHexStringLower(writer.WrittenSpan));
        var reader = new SshReader(writer.WrittenSpan);
        Assert.Equal("8001", Convert.ToHexStringLower(reader.ReadMPIntMagnitude()));
        Assert.Equal(0, reader.ReadMPIntMagnitude().Length);
    }

    [Fact]
    public void Strings_name_lists_and_integers_round_trip_through_a_growing_buffer()
    {
        using var writer = new SshWriter(16);
        string text = "grüße-" + new string('x', 300);
        writer.WriteString(text);
        writer.WriteNameList(["curve25519-sha256", "ext-info-c"]);
        writer.WriteNameList([]);
        writer.WriteUInt64(ulong.MaxValue - 1);
        writer.WriteBoolean(true);

        var reader = new SshReader(writer.WrittenSpan);
        Assert.Equal(text, reader.ReadString());
        Assert.Equal(["curve25519-sha256", "ext-info-c"], reader.ReadNameList());
        Assert.Empty(reader.ReadNameList());
        Assert.Equal(ulong.MaxValue - 1, reader.ReadUInt64());
        Assert.True(reader.ReadBoolean());
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void A_length_beyond_the_message_is_a_wire_format_error_not_an_index_error()
    {
        byte[] lying = [0x00, 0x00, 0x10, 0x00, (byte)'a', (byte)'b'];

        var error = Assert.Throws<SshWireFormatException>(() => new SshReader(lying).ReadStringBytes().Length);
        Assert.Contains("exceeds", error.Message);
        Assert.Throws<SshWireFormatException>(() => new SshReader([0x01, 0x02]).ReadUInt32());
        Assert.Throws<SshWireFormatException>(() => new SshReader([0x00, 0x00, 0x00, 0x01, 0x80]).ReadMPIntMagnitude().Length);
    }
}
