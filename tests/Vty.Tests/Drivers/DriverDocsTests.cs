using System.Text.RegularExpressions;
using Vty.Drivers;
using Vty.Tests.Text;

namespace Vty.Tests.Drivers;

/// <summary>The YAML examples in docs/drivers.md load, and the built-in table there is complete.</summary>
public sealed class DriverDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(FixturePaths.TestsRoot, "..", "..", "docs", "drivers.md"));

    [Fact]
    public void EveryYamlExampleLoads()
    {
        MatchCollection blocks = Regex.Matches(Docs, "```yaml\n(.*?)```", RegexOptions.Singleline);
        Assert.True(blocks.Count >= 3);
        DriverCatalog catalog = DriverCatalog.Builtin;
        foreach (Match block in blocks)
            catalog = catalog.WithYaml(block.Groups[1].Value, "docs/drivers.md");
        Assert.Equal("acme", catalog.Get("acme_os").Name);
        Assert.Equal("acme", catalog.Get("acme_lab").Extends);
    }

    [Fact]
    public void TheBuiltinTableListsEveryDriverAndAlias()
    {
        foreach (Driver driver in DriverCatalog.Builtin.Drivers)
        {
            Assert.Contains($"| `{driver.Name}` |", Docs);
            foreach (string alias in driver.Aliases)
                Assert.Contains($"`{alias}`", Docs);
        }
    }
}
