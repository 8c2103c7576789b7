using Vty.Drivers;
using Vty.Tests.Text;
using YamlDotNet.RepresentationModel;

namespace Vty.Tests.Drivers;

/// <summary>Oxidized's per-model prompt lists: pass (and pass_with_expect, after cleaning) must match, fail must not.</summary>
public sealed class OxidizedPromptListTests
{
    // Oxidized model → the Vty driver that should recognise its prompts.
    private static readonly Dictionary<string, string> DriverForModel = new()
    {
        ["aos7"] = "generic", ["aoscx"] = "aoscx", ["aosw"] = "aruba", ["arubainstant"] = "aruba", ["asa"] = "asa",
        ["asyncos"] = "generic", ["cumulus"] = "cumulus", ["efos"] = "generic", ["fastiron"] = "brocade",
        ["firewareos"] = "fireware", ["fortigate"] = "fortios", ["fortios"] = "fortios", ["fsos"] = "generic",
        ["garderos"] = "generic", ["h3c"] = "comware", ["ios"] = "ios", ["linuxgeneric"] = "shell", ["mlnxos"] = "onyx",
        ["mtrlrfs"] = "generic", ["netgear"] = "generic", ["perle"] = "generic", ["saos10"] = "saos10",
        ["siklu"] = "generic", ["sonicos"] = "sonicos", ["tnsr"] = "tnsr", ["tplink"] = "generic",
        ["vsololt"] = "generic", ["vyos"] = "vyos",
    };

    public static TheoryData<string> Files() =>
        new(Directory.EnumerateFiles(FixturePaths.OxidizedPrompts, "*prompt.yaml").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal)!);

    [Fact]
    public void AllTwentyEightListsAreMapped()
    {
        Assert.Equal(28, Files().Count);
        foreach (string file in Files())
            Assert.Contains(file.Split('#')[0], DriverForModel.Keys);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void PromptListHolds(string file)
    {
        Driver driver = DriverCatalog.Builtin.Get(DriverForModel[file.Split('#')[0]]);
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(FixturePaths.OxidizedPrompts, file))))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        int checkedCount = 0;
        foreach (string pass in List(root, "pass").Concat(List(root, "pass_with_expect")))
        {
            string line = PromptLines.LastLine(pass);
            Assert.True(driver.IsPrompt(line), $"{driver.Name}: '{pass}' (cleaned '{line}') should be a prompt");
            checkedCount++;
        }

        List<string> passWithExpect = List(root, "pass_with_expect").ToList();
        foreach (string fail in List(root, "fail"))
        {
            // The raw string must not match; garderos lists its raw ANSI prompt both as fail
            // (raw) and pass_with_expect (cleaned), so only the raw form is checked for those.
            Assert.False(driver.IsPrompt(fail), $"{driver.Name}: raw '{fail}' must not be a prompt");
            if (!passWithExpect.Contains(fail))
                Assert.False(driver.IsPrompt(PromptLines.LastLine(fail)), $"{driver.Name}: '{fail}' must not be a prompt");
            checkedCount++;
        }

        Assert.True(checkedCount > 0);
    }

    private static IEnumerable<string> List(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) && node is YamlSequenceNode seq
            ? seq.Children.Select(n => ((YamlScalarNode)n).Value ?? "")
            : [];
}
