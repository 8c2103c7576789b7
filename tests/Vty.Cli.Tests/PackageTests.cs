using System.IO.Compression;
using System.Xml.Linq;
using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// The packages as NuGet sees them: <c>dotnet pack</c> of the built solution (no warnings), the
/// metadata in every .nupkg, symbols beside them, no lab in the core's dependencies, and the tool
/// installed from them into a temporary tool path, then run.
/// </summary>
public sealed class PackageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(6);
    private static readonly string[] Packages = ["Vty", "Vty.Ssh", "Vty.Telnet", "Vty.Lab", "Vty.Cli"];

    [Fact]
    public async Task Pack_gives_every_package_its_metadata_and_symbols_and_the_tool_installs_and_runs()
    {
        string root = RepositoryRoot();
        using var dir = new TempDirectory("vty-pack");
        string feed = dir.File("feed");

        // The suite builds Release first; pack those very binaries.
        var (packed, packOutput) = await ManagedProcess.RunAsync("dotnet",
            ["pack", Path.Combine(root, "Vty.slnx"), "-c", "Release", "--no-build", "-nologo", "-o", feed], Wait);

        Assert.True(packed == 0, packOutput);
        Assert.DoesNotMatch(@"(?i):\s*warning\b", packOutput);
        foreach (string id in Packages)
        {
            string nupkg = Assert.Single(Directory.GetFiles(feed, $"{id}.0.*.nupkg"));
            Assert.True(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), $"no symbols package beside {nupkg}");
            XElement metadata = Nuspec(nupkg, id);
            foreach (string field in new[] { "description", "authors", "projectUrl", "readme", "tags" })
                Assert.False(string.IsNullOrWhiteSpace(Field(metadata, field)), $"{id}: no {field}");
            Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
            Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url"));
            // A version from git, before the first tag a 0.x pre-release: never the SDK's 1.0.0.
            Assert.Matches(@"^0\.\d+\.\d+-", Field(metadata, "version"));
            using ZipArchive zip = ZipFile.OpenRead(nupkg);
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        }

        // The core needs no emulator: the Vty package depends on the SSH and Telnet packages, never the lab.
        XElement core = Nuspec(Directory.GetFiles(feed, "Vty.0.*.nupkg").Single(), "Vty");
        string[] coreDependencies = [.. core.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value)];
        Assert.Contains("Vty.Ssh", coreDependencies);
        Assert.DoesNotContain("Vty.Lab", coreDependencies);

        string toolPath = dir.File("tools");
        string version = Field(core, "version");
        var (installed, installOutput) = await ManagedProcess.RunAsync("dotnet",
            ["tool", "install", "Vty.Cli", "--tool-path", toolPath, "--add-source", feed, "--version", version], Wait);
        Assert.True(installed == 0, installOutput);

        string vty = Path.Combine(toolPath, "vty");
        var (shown, versionOutput) = await ManagedProcess.RunAsync(vty, ["--version"], Wait);
        var (ran, runOutput) = await ManagedProcess.RunAsync(vty, ["run", "dummy://lab:lab@r1?profile=ios", "-c", "show version", "--json"], Wait);

        Assert.True(shown == 0, versionOutput);
        Assert.StartsWith(version, versionOutput.Trim(), StringComparison.Ordinal);
        Assert.True(ran == 0, runOutput);
        Assert.Contains("Cisco IOS Software", runOutput);
    }

    private static XElement Nuspec(string nupkg, string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        ZipArchiveEntry entry = zip.GetEntry($"{id}.nuspec") ?? throw new InvalidOperationException($"{nupkg} has no {id}.nuspec");
        using Stream stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Field(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Vty.slnx")))
                return d.FullName;
        }
        throw new InvalidOperationException($"no Vty.slnx above {AppContext.BaseDirectory}");
    }
}
