using Vty.Ssh.FileSystems;
using Vty.Ssh.Scp;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>Path normalisation, the in-memory tree's link rules and scp command lines, without a network.</summary>
public sealed class FileSystemAndScpUnitTests
{
    [Theory]
    [InlineData("a/b", "/home", "/home/a/b")]
    [InlineData("../../../../etc/passwd", "/home/u", "/etc/passwd")]
    [InlineData("/x/./y//z/..", "/", "/x/y")]
    [InlineData("", "/home", "/home")]
    [InlineData("..", "/", "/")]
    public void NormalizeNeverLeavesTheRoot(string path, string current, string expected) =>
        Assert.Equal(expected, VirtualPath.Normalize(path, current));

    [Fact]
    public async Task InMemoryLinksResolveInsideTheTree()
    {
        CancellationToken ct = TestTimeouts.ShortToken();
        var fs = new InMemoryFileSystem(1000, "/home");
        await fs.CreateDirectoryAsync("/home/d", null, ct);
        await using (IServedFile f = await fs.OpenFileAsync("/home/d/f", ServedOpenMode.Write | ServedOpenMode.Create, null, ct))
            await f.WriteAsync(0, "hello"u8.ToArray(), ct);
        await fs.CreateSymbolicLinkAsync("/home/abs", "/home/d/f", ct);
        await fs.CreateSymbolicLinkAsync("/home/up", "../../../home/d", ct);
        await fs.CreateSymbolicLinkAsync("/home/loop", "loop", ct);
        Assert.Equal(5, (await fs.GetInfoAsync("/home/abs", true, ct)).Size);
        Assert.Equal(ServedFileKind.SymbolicLink, (await fs.GetInfoAsync("/home/abs", false, ct)).Kind);
        Assert.Equal(ServedFileKind.Directory, (await fs.GetInfoAsync("/home/up", true, ct)).Kind);
        Assert.Equal(5, (await fs.GetInfoAsync("/home/up/f", true, ct)).Size);
        var loop = await Assert.ThrowsAsync<IOException>(async () => await fs.GetInfoAsync("/home/loop", true, ct));
        Assert.Contains("too many levels", loop.Message);
        await Assert.ThrowsAsync<FileNotFoundException>(async () => await fs.GetInfoAsync("/home/none", true, ct));
        await Assert.ThrowsAsync<IOException>(async () => await fs.DeleteDirectoryAsync("/home/d", ct));
        await using (IServedFile f = await fs.OpenFileAsync("/home/big", ServedOpenMode.Write | ServedOpenMode.Create, null, ct))
            await Assert.ThrowsAsync<ServedFileSystemFullException>(async () => await f.WriteAsync(0, new byte[996], ct));
        Assert.Equal(5, fs.UsedBytes);
    }

    [Fact]
    public async Task DiskJailKeepsAbsoluteLinksInside()
    {
        CancellationToken ct = TestTimeouts.ShortToken();
        using var jail = new Vty.TestSupport.TempDirectory("vty-jail");
        File.CreateSymbolicLink(Path.Combine(jail.Path, "etc-link"), "/etc");
        File.CreateSymbolicLink(Path.Combine(jail.Path, "up"), "../../../../..");
        var fs = new DiskJailFileSystem(jail.Path);
        await Assert.ThrowsAsync<FileNotFoundException>(async () => await fs.GetInfoAsync("/etc-link/passwd", true, ct));
        IReadOnlyList<ServedFileInfo> listing = await fs.ListDirectoryAsync("/up", ct);
        Assert.Equal(["etc-link", "up"], listing.Select(e => e.Name).Order().ToArray());
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(async () => await fs.GetInfoAsync("/nothing", true, ct));
        Assert.DoesNotContain(jail.Path, missing.Message);
    }

    [Theory]
    [InlineData("scp -t -- /tmp/x", true, false, false, "/tmp/x")]
    [InlineData("scp -r -p -f 'a b'", false, true, true, "a b")]
    [InlineData("scp -prt flash:/image.bin", true, true, true, "flash:/image.bin")]
    [InlineData("scp -t \"q\\\"uote\"", true, false, false, "q\"uote")]
    public void ParsesScpCommands(string line, bool sink, bool recursive, bool preserve, string path)
    {
        ScpCommand command = ScpCommand.Parse(line)!;
        Assert.Equal(sink, command.Sink);
        Assert.Equal(recursive, command.Recursive);
        Assert.Equal(preserve, command.Preserve);
        Assert.Equal([path], command.Paths);
        ScpCommand again = ScpCommand.Parse(command.ToCommandLine())!;
        Assert.Equal((command.Sink, command.Recursive, command.Preserve, path), (again.Sink, again.Recursive, again.Preserve, again.Paths[0]));
    }

    [Theory]
    [InlineData("ls -l")]
    [InlineData("scp /tmp/x")]
    [InlineData("scp -t")]
    [InlineData("scp -Z -t x")]
    public void RejectsWhatIsNotScpSinkOrSource(string line) => Assert.Null(ScpCommand.Parse(line));
}
