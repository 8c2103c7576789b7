using System.Text;
using System.Text.RegularExpressions;
using Vty.Matching;
using Vty.Tests.Support;

namespace Vty.Tests.Matching;

/// <summary>
/// The read loop decodes into a character buffer as large as its byte buffer (not the encoding's
/// worst case, four times that with the Latin-1 fallback): text split anywhere, multi-byte UTF-8
/// characters and invalid bytes included, still arrives whole and in order.
/// </summary>
public sealed class SessionChannelDecodingTests
{
    private static readonly Regex Prompt = new(@"\nrouter# ?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 7)]
    [InlineData(4096, 13)]
    public async Task Utf8_and_invalid_bytes_split_across_reads_decode_whole(int readSize, int chunk)
    {
        var device = new TestDuplex();
        var channel = new SessionChannel(device.Client, new SessionChannelOptions
        {
            Encoding = Vty.Text.DeviceEncoding.Utf8WithLatin1Fallback,
            ReadSize = readSize,
            KeepRawBytes = false,
        });
        await using var _ = channel;
        channel.Start();
        var waiting = channel.WaitForMatchAsync([Prompt], consume: true, null, TimeSpan.FromSeconds(20), CancellationToken.None);

        byte[] text = [.. Encoding.UTF8.GetBytes("Gerät → 10 € ✓ 𝄞 "), 0xFF, 0xC3, (byte)'x', .. "\r\nrouter# "u8];
        await device.DeviceWriteChunkedBytesAsync(text, chunk);

        ScanHit hit = await waiting;
        Assert.Equal("Gerät → 10 € ✓ 𝄞 ÿÃx", hit.Before.TrimEnd('\r', '\n'));
    }
}
