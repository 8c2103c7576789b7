using System.Text;
using Vty.Accounts;
using static Vty.Tests.Protocols.ScriptedSession;

namespace Vty.Tests.Protocols;

/// <summary>
/// Execute cuts the echo and the line break before the prompt out of the receive buffer in place
/// (only the first lines are read to find the echo); these are the cases where that reading has
/// to go further, and the raw bytes handed over in whole segments.
/// </summary>
public sealed class OutputRangeTests
{
    private static async Task<ScriptedSession> LoggedInAsync()
    {
        var s = await OpenAsync("ios");
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(Limit);
        await s.SayAsync("router#");
        await login;
        return s;
    }

    [Fact]
    public async Task A_first_line_longer_than_the_echo_window_is_kept_whole_without_echo()
    {
        await using var s = await LoggedInAsync();
        string line = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{i:D9} "));
        var run = s.Protocol.ExecuteAsync("show blob").WaitAsync(Limit);
        await s.HearAsync("show blob\r");
        await s.SayAsync(line + "\r\nrouter#");
        var result = await run;
        Assert.Equal(line, result.Output);
    }

    [Fact]
    public async Task An_echo_wrapped_over_a_very_long_blank_run_is_still_removed()
    {
        // The echo's first line runs past the window: the rest of the text decides.
        await using var s = await LoggedInAsync();
        string spaced = "show " + new string(' ', 70_000) + "version";
        var run = s.Protocol.ExecuteAsync("show version").WaitAsync(Limit);
        await s.HearAsync("show version\r");
        await s.SayAsync(spaced + "\r\nIOS 15.2\r\nrouter#");
        var result = await run;
        Assert.Equal("IOS 15.2", result.Output);
    }

    [Fact]
    public async Task Raw_bytes_of_a_large_output_after_a_small_one_are_exactly_what_arrived()
    {
        await using var s = await LoggedInAsync();
        var first = s.Protocol.ExecuteAsync("show clock").WaitAsync(Limit);
        await s.HearAsync("show clock\r");
        await s.SayAsync("show clock\r\n12:00\r\nrouter#");
        Assert.Equal("show clock\r\n12:00\r\nrouter#", Encoding.Latin1.GetString((await first).RawBytes.Span));

        // 300 KB starting in the middle of a raw segment, ending in the middle of another.
        string body = string.Concat(Enumerable.Range(0, 4000).Select(i => $"line {i,5} {new string((char)('a' + (i % 26)), 64)}\r\n"));
        string sent = "show log\r\n" + body + "router#";
        var second = s.Protocol.ExecuteAsync("show log").WaitAsync(Limit);
        await s.HearAsync("show log\r");
        await s.Device.DeviceWriteChunkedAsync(sent, 7000);
        var result = await second;
        Assert.Equal(sent, Encoding.Latin1.GetString(result.RawBytes.Span));
        Assert.Equal(body.Replace("\r\n", "\n", StringComparison.Ordinal)[..^1], result.Output);
        // Read twice: the joined array is kept.
        Assert.True(result.RawBytes.Span == result.RawBytes.Span);
    }
}
