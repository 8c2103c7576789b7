using System.Text;
using System.Text.Json.Nodes;
using Vty.Parsing;
using Vty.TestSupport;

namespace Vty.Tests.Parsing;

/// <summary>
/// A template starts with interpreted regexes and compiles them once it has parsed enough lines:
/// a long output parsed before and after the switch gives the same rows, equal to the reference's.
/// </summary>
public sealed class CompiledRegexSwitchTests
{
    [Fact]
    public async Task Long_output_parses_the_same_interpreted_compiled_and_in_the_reference()
    {
        using var dir = new TempDirectory();
        string folder = BuiltInTemplatesLabTests.ExtractBuiltInTemplates(dir.Path);
        string templatePath = Path.Combine(folder, "cisco_ios_show_interfaces.textfsm");
        var output = new StringBuilder();
        for (int i = 0; i < 400; i++)
        {
            output.Append($"GigabitEthernet0/{i} is {(i % 5 == 0 ? "administratively down" : "up")}, line protocol is {(i % 5 == 0 ? "down" : "up")} \n");
            output.Append($"  Hardware is CN Gigabit Ethernet, address is 5254.0000.{i:x4} (bia 5254.0000.{i:x4})\n");
            if (i % 3 == 0)
                output.Append($"  Description: link {i}\n");
            output.Append($"  Internet address is 10.0.{i % 256}.1/24\n");
            output.Append("  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec, \n");
            output.Append("  Full Duplex, 1000Mbps, media type is RJ45\n");
            output.Append($"  5 minute input rate {i * 1000} bits/sec, {i} packets/sec\n");
            output.Append($"  5 minute output rate {i * 900} bits/sec, {i} packets/sec\n");
            output.Append($"     {i * 7} packets input, {i * 700} bytes, 0 no buffer\n");
            output.Append($"     {i % 4} input errors, {i % 3} CRC, 0 frame, 0 overrun, 0 ignored\n");
            output.Append($"     {i * 5} packets output, {i * 500} bytes, 0 underruns\n");
            output.Append($"     {i % 2} output errors, 0 collisions, 0 interface resets\n");
        }

        string text = output.ToString();
        TextFsmTemplate template = TextFsmTemplate.Load(templatePath);
        // About 4 500 lines per parse: the first two run interpreted, the switch (at 5 000) comes
        // at the end of the second, the third runs compiled.
        string interpreted = ReferenceTextFsm.Canonical(TextFsmCase.TableJson(template.Parse(text)));
        template.Parse(text);
        string compiled = ReferenceTextFsm.Canonical(TextFsmCase.TableJson(template.Parse(text)));
        IReadOnlyList<JsonObject> reference = await ReferenceTextFsm.RunAsync([ReferenceTextFsm.Case(templatePath, text)]);

        Assert.Equal(ReferenceTextFsm.Canonical(reference[0]), interpreted);
        Assert.Equal(interpreted, compiled);
        Assert.InRange(text.Split('\n').Length, 4000, 5000);
        Assert.Equal(400, template.Parse(text).Rows.Count);
    }
}
