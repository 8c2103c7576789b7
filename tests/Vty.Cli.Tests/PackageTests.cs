using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// The packages as NuGet sees them: <c>dotnet pack</c> of the built solution (no warnings), the
/// metadata in every .nupkg, symbols beside the libraries, no lab in the core's dependencies, and
/// the tool installed from them into a temporary tool path, then run: on this machine it must be
/// the Native AOT executable, with the framework-dependent build packed beside it for other
/// platforms. The one pack (with its AOT compile, 1–4 minutes here) serves every check.
/// </summary>
public sealed class PackageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan PackWait = TimeSpan.FromMinutes(12);
    private static readonly string[] Packages = ["Vty", "Vty.Ssh", "Vty.Telnet", "Vty.Lab", "Vty.Cli"];
    private static readonly string[] Libraries = ["Vty", "Vty.Ssh", "Vty.Telnet", "Vty.Lab"];

    [Fact]
    public async Task Pack_gives_every_package_its_metadata_and_symbols_and_the_tool_installs_and_runs()
    {
        string root = RepositoryRoot();
        using var dir = new TempDirectory("vty-pack");
        string feed = dir.File("feed");

        // The suite builds Release first; pack those very binaries.
        var (packed, packOutput) = await ManagedProcess.RunAsync("dotnet",
            ["pack", Path.Combine(root, "Vty.slnx"), "-c", "Release", "--no-build", "-nologo", "-o", feed], PackWait);

        Assert.True(packed == 0, packOutput);
        Assert.DoesNotMatch(@"(?i):\s*warning\b", packOutput);
        foreach (string id in Packages)
        {
            string nupkg = Assert.Single(Directory.GetFiles(feed, $"{id}.0.*.nupkg"));
            if (Libraries.Contains(id))
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

        string version = Field(core, "version");
        string rid = RuntimeInformation.RuntimeIdentifier;
        AssertToolPackages(feed, version, rid);

        string toolPath = dir.File("tools");
        var (installed, installOutput) = await ManagedProcess.RunAsync("dotnet",
            ["tool", "install", "Vty.Cli", "--tool-path", toolPath, "--add-source", feed, "--version", version], Wait);
        Assert.True(installed == 0, installOutput);

        // The command is the native executable itself: an ELF file with no assemblies or runtime
        // configuration beside it, so no dotnet host or JIT is involved in running it.
        string vty = Path.Combine(toolPath, "vty");
        string executable = Path.GetFullPath(new FileInfo(vty).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? vty);
        Assert.Contains($"vty.cli.{rid}", executable, StringComparison.OrdinalIgnoreCase);
        byte[] head = new byte[4];
        using (FileStream file = File.OpenRead(executable))
            file.ReadExactly(head);
        Assert.Equal("\u007fELF"u8.ToArray(), head);
        string installedDir = Path.GetDirectoryName(executable)!;
        Assert.Empty(Directory.GetFiles(installedDir, "*.dll"));
        Assert.Empty(Directory.GetFiles(installedDir, "*.runtimeconfig.json"));
        var (shown, versionOutput) = await ManagedProcess.RunAsync(vty, ["--version"], Wait);
        var (ran, runOutput) = await ManagedProcess.RunAsync(vty, ["run", "dummy://lab:lab@r1?profile=ios", "-c", "show version", "--json"], Wait);

        Assert.True(shown == 0, versionOutput);
        Assert.StartsWith(version, versionOutput.Trim(), StringComparison.Ordinal);
        Assert.True(ran == 0, runOutput);
        Assert.Contains("Cisco IOS Software", runOutput);
    }

    /// <summary>
    /// Three tool packages: the pointer Vty.Cli listing the native package for this machine's RID and
    /// the framework-dependent one for every other platform; the native one holds the executable
    /// alone, the other the assemblies for <c>dotnet</c> to run.
    /// </summary>
    private static void AssertToolPackages(string feed, string version, string rid)
    {
        XElement pointer = ToolSettings(Path.Combine(feed, $"Vty.Cli.{version}.nupkg"), "tools/any/any/");
        string[] listed = [.. pointer.Descendants("RuntimeIdentifierPackage").Select(e => $"{e.Attribute("RuntimeIdentifier")?.Value}={e.Attribute("Id")?.Value}")];
        Assert.Equal([$"{rid}=Vty.Cli.{rid}", "any=Vty.Cli.any"], listed);

        string native = Path.Combine(feed, $"Vty.Cli.{rid}.{version}.nupkg");
        Assert.True(File.Exists(native), $"no native tool package {native}: the pack found no C compiler for the Native AOT link (Debian: apt-get install build-essential)");
        XElement nativeCommand = ToolSettings(native, $"tools/any/{rid}/").Descendants("Command").Single();
        Assert.Equal("executable", nativeCommand.Attribute("Runner")?.Value);
        Assert.Equal("Vty.Cli", nativeCommand.Attribute("EntryPoint")?.Value);
        using (ZipArchive zip = ZipFile.OpenRead(native))
        {
            string[] tools = [.. zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => e.FullName).Order()];
            Assert.Equal([$"tools/any/{rid}/DotnetToolSettings.xml", $"tools/any/{rid}/Vty.Cli"], tools);
        }

        string fallback = Path.Combine(feed, $"Vty.Cli.any.{version}.nupkg");
        XElement fallbackCommand = ToolSettings(fallback, "tools/net10.0/any/").Descendants("Command").Single();
        Assert.Equal("dotnet", fallbackCommand.Attribute("Runner")?.Value);
        Assert.Equal("Vty.Cli.dll", fallbackCommand.Attribute("EntryPoint")?.Value);
        using (ZipArchive zip = ZipFile.OpenRead(fallback))
        {
            Assert.NotNull(zip.GetEntry("tools/net10.0/any/Vty.Cli.dll"));
            Assert.NotNull(zip.GetEntry("tools/net10.0/any/Vty.Ssh.dll"));
            Assert.NotNull(zip.GetEntry("tools/net10.0/any/Vty.Cli.runtimeconfig.json"));
        }
    }

    private static XElement ToolSettings(string nupkg, string folder)
    {
        Assert.True(File.Exists(nupkg), $"no package {nupkg}");
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        ZipArchiveEntry entry = zip.GetEntry(folder + "DotnetToolSettings.xml") ?? throw new InvalidOperationException($"{nupkg} has no {folder}DotnetToolSettings.xml");
        using Stream stream = entry.Open();
        return XDocument.Load(stream).Root!;
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
