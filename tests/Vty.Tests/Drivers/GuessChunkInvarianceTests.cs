using System.Text;
using Vty.Drivers;
using Vty.Protocols;
using Vty.Tests.Protocols;
using Vty.Tests.Text;

namespace Vty.Tests.Drivers;

/// <summary>
/// The passive OS guess of a session, through the whole receive path (decoding, cleaning, the
/// channel's head capture and the guesser), is the same whether the device's text arrives whole,
/// byte by byte, or in random pieces (seeded): over every recorded session and banner in the
/// fixtures (Oxidized's 60 recordings, Exscript's 60 banners) and every driver's banner and prompt samples.
/// </summary>
public sealed class GuessChunkInvarianceTests
{
    private const string EndMark = "\n~~ end of fixture 7f3c ~~\n";

    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>();
        foreach (string file in OxidizedSimulation.Files())
            data.Add("oxidized:" + Path.GetFileName(file));
        foreach (string file in Directory.EnumerateFiles(FixturePaths.ExscriptBanners).Order(StringComparer.Ordinal))
            data.Add("exscript:" + Path.GetFileName(file));
        foreach (Driver driver in DriverCatalog.Builtin.Drivers.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            for (int i = 0; i < driver.Samples.Banners.Count; i++)
                data.Add($"banner:{driver.Name}:{i}");
            if (driver.Samples.Prompts.Count > 0)
                data.Add($"prompts:{driver.Name}");
        }

        return data;
    }

    [Fact]
    public void EveryFixtureIsCovered()
    {
        // 60 recorded sessions plus Oxidized's 4 hand-made custom simulations.
        Assert.Equal(64, OxidizedSimulation.Files().Count());
        Assert.Equal(60, Directory.EnumerateFiles(FixturePaths.ExscriptBanners).Count());
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task TheGuessDoesNotDependOnChunking(string source)
    {
        byte[] text = Load(source);
        string whole = await GuessAsync(text, [text.Length]);
        Assert.Equal(whole, await GuessAsync(text, [1]));
        var random = new Random(source.Length * 7919 + text.Length);
        for (int round = 0; round < 3; round++)
        {
            int[] sizes = Enumerable.Range(0, 64).Select(_ => random.Next(1, 97)).ToArray();
            Assert.Equal(whole, await GuessAsync(text, sizes));
        }
    }

    // Feeds the text in pieces of the given sizes (cycled) and reads the session's guess once all arrived.
    private static async Task<string> GuessAsync(byte[] text, int[] sizes)
    {
        await using var s = await ScriptedSession.OpenAsync("auto", new ProtocolOptions { ActiveDetection = false });
        int at = 0;
        for (int i = 0; at < text.Length; i++)
        {
            int n = Math.Min(sizes[i % sizes.Length], text.Length - at);
            await s.Device.DeviceWriteAsync(text[at..(at + n)]);
            at += n;
        }

        await s.Device.DeviceWriteAsync(EndMark);
        await s.Protocol.WaitForAsync(EndMark.Trim(), ScriptedSession.Limit);
        return s.Protocol.GuessOs();
    }

    private static byte[] Load(string source)
    {
        string[] parts = source.Split(':');
        return parts[0] switch
        {
            "oxidized" => Encoding.Latin1.GetBytes(OxidizedSimulation.Load(Path.Combine(FixturePaths.Oxidized, parts[1])).Transcript),
            "exscript" => File.ReadAllBytes(Path.Combine(FixturePaths.ExscriptBanners, parts[1])),
            "banner" => Encoding.UTF8.GetBytes(DriverCatalog.Builtin.Get(parts[1]).Samples.Banners[int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)]),
            "prompts" => Encoding.UTF8.GetBytes(string.Join("\r\n", DriverCatalog.Builtin.Get(parts[1]).Samples.Prompts)),
            _ => throw new ArgumentException(source),
        };
    }
}
