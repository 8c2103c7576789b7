using System.Text;
using Vty.Accounts;
using Vty.Protocols;
using Vty.Tests.Matching;

namespace Vty.Tests.Protocols;

/// <summary>
/// Reading a big command output to the prompt allocates little more than the result itself:
/// the cleaned text is held once (one byte per character), copied out once into the result
/// string (two bytes per character), and the raw bytes are held once without a second copy until
/// someone reads them. Before, the text was copied four more times (25–30 bytes per byte).
/// </summary>
[Collection(nameof(OutputLimitMemoryTests))]
public sealed class OutputAllocationTests
{
    private const int Blocks = 96;

    private static byte[] Block()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 1024; i++)
            text.Append($"GigabitEthernet{i / 48}/{i % 48,-3}  10.{i / 256}.{i % 256}.1     YES manual up                    up      \r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    [Theory]
    [InlineData(true, 4.0)]
    [InlineData(false, 3.25)]
    public async Task Reading_eight_megabytes_to_the_prompt_allocates_at_most_the_budget_per_byte(bool keepRaw, double budget)
    {
        await using var s = await ScriptedSession.OpenAsync("ios", new ProtocolOptions { KeepRawBytes = keepRaw });
        var login = s.Protocol.LoginAsync(new Account("admin", "pw")).WaitAsync(ScriptedSession.Limit);
        await s.SayAsync("router#");
        await login;
        byte[] block = Block();
        byte[] echo = Encoding.Latin1.GetBytes("show interfaces\r\n");
        byte[] prompt = Encoding.Latin1.GetBytes("router#");

        // A warm-up command of 1 MB: one-time costs (JIT, the session's scratch buffers growing to
        // the read size) are not the output path's per-byte cost.
        var warm = s.Protocol.ExecuteAsync("show interfaces", TimeSpan.FromSeconds(60));
        await s.HearAsync("show interfaces\r");
        await s.Device.DeviceWriteAsync(echo);
        for (int i = 0; i < 12; i++)
            await s.Device.DeviceWriteAsync(block);
        await s.Device.DeviceWriteAsync(prompt);
        await warm.WaitAsync(TimeSpan.FromSeconds(90));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var run = s.Protocol.ExecuteAsync("show interfaces", TimeSpan.FromSeconds(60));
        await s.HearAsync("show interfaces\r");
        await s.Device.DeviceWriteAsync(echo);
        for (int i = 0; i < Blocks; i++)
            await s.Device.DeviceWriteAsync(block);
        await s.Device.DeviceWriteAsync(prompt);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(90));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        long received = echo.Length + (long)Blocks * block.Length + prompt.Length;
        double perByte = (double)allocated / received;
        Assert.True(perByte <= budget, $"{allocated / 1_000_000.0:0.0} MB allocated for {received / 1_000_000.0:0.0} MB received: {perByte:0.00} bytes per byte (budget {budget})");

        string expectedBlock = Encoding.Latin1.GetString(block).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expectedBlock.Length * Blocks - 1, result.Output.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat(expectedBlock, Blocks))[..^1], result.Output);
        Assert.Equal("router#", result.Prompt);
        if (keepRaw)
            Assert.Equal([.. echo, .. Enumerable.Range(0, Blocks).SelectMany(_ => block), .. prompt], result.RawBytes.ToArray());
        else
            Assert.Equal(0, result.RawBytes.Length);
    }
}
