using System.Text;
using Vty.Accounts;
using Vty.Protocols;
using Vty.Tests.Protocols;
using Vty.Text;

namespace Vty.Tests.Text;

/// <summary>UTF-8 by default, invalid bytes read as Latin-1 one by one, whatever the chunking.</summary>
public sealed class DeviceEncodingTests
{
    // "Zürich 25°C", then a Latin-1 "é" (0xE9, invalid as UTF-8), a truncated 3-byte sequence and a lone continuation byte.
    private static readonly byte[] Mixed = [.. Encoding.UTF8.GetBytes("Zürich 25°C "), 0xE9, (byte)' ', 0xE2, 0x82, (byte)'x', 0x80, (byte)'!'];

    [Fact]
    public void DecodesUtf8AndInvalidBytesAsLatin1WithoutReplacementMarks()
    {
        string text = DeviceEncoding.Utf8WithLatin1Fallback.GetString(Mixed);
        Assert.Equal("Zürich 25°C é \u00e2\u0082x\u0080!", text);
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void IsTheSameWhateverTheChunking()
    {
        string whole = DeviceEncoding.Utf8WithLatin1Fallback.GetString(Mixed);
        for (int size = 1; size <= 4; size++)
        {
            Decoder decoder = DeviceEncoding.Utf8WithLatin1Fallback.GetDecoder();
            var sb = new StringBuilder();
            char[] chars = new char[64];
            for (int i = 0; i < Mixed.Length; i += size)
            {
                int n = Math.Min(size, Mixed.Length - i);
                int count = decoder.GetChars(Mixed, i, n, chars, 0, flush: i + n == Mixed.Length);
                sb.Append(chars, 0, count);
            }

            Assert.Equal(whole, sb.ToString());
        }
    }

    [Theory]
    [InlineData("utf-8", "Zürich")]
    [InlineData("latin1", "ZÃ¼rich")]
    public void FindsEncodingsByName(string name, string expected) =>
        Assert.Equal(expected, DeviceEncoding.Get(name).GetString(Encoding.UTF8.GetBytes("Zürich")));

    [Fact]
    public void AnUnknownNameSaysWhichOnesWork()
    {
        var ex = Assert.Throws<ArgumentException>(() => DeviceEncoding.Get("klingon-8"));
        Assert.Contains("utf-8 (the default), latin1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonAsciiCommandHasItsEchoStrippedAndItsOutputDecoded()
    {
        static string Wire(string s) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));
        await using var s = await ScriptedSession.OpenAsync("ios", new ProtocolOptions { Authorization = AuthorizationMode.Never });
        var login = s.Protocol.LoginAsync(new Account("a", "b")).WaitAsync(ScriptedSession.Limit);
        await s.SayAsync("r1#");
        await login;
        const string command = "show interfaces description | include Straße";
        var run = s.Protocol.ExecuteAsync(command).WaitAsync(ScriptedSession.Limit);
        await s.HearAsync(Wire(command) + "\r");
        await s.SayAsync(Wire(command + "\r\nGi0/1  up  up  Straße 1 – Zürich\r\n") + "Gi0/2  up  up  caf\u00e9 (latin-1)\r\nr1#");
        CommandResult result = await run;
        Assert.Equal("Gi0/1  up  up  Straße 1 – Zürich\nGi0/2  up  up  café (latin-1)", result.Output.Trim());
    }
}
