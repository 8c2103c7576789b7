using Vty.Protocols;

namespace Vty.Tests.Protocols;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("65536", 65536L)]
    [InlineData("64M", 64L << 20)]
    [InlineData("64MiB", 64L << 20)]
    [InlineData(" 64 mb ", 64L << 20)]
    [InlineData("512K", 512L << 10)]
    [InlineData("1G", 1L << 30)]
    [InlineData("100b", 100L)]
    public void ParsesSizesAsPeopleWriteThem(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("0")]
    [InlineData("-5M")]
    [InlineData("1.5M")]
    [InlineData("64X")]
    [InlineData("99999999999999G")]
    public void RejectsWhatIsNotASize(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => ByteSize.Parse(text));
        Assert.Contains("64M", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(64L << 20, "64 MiB")]
    [InlineData(1L << 30, "1 GiB")]
    [InlineData(1536L << 10, "1536 KiB")]
    [InlineData(1000L, "1000 bytes")]
    public void FormatsInTheLargestWholeUnit(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));
}
