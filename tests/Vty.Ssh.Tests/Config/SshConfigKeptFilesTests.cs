using Vty.Ssh.Config;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Config;

/// <summary>
/// <see cref="SshConfig.WithParsedFilesKept"/>: files and Include patterns are read once and every
/// later resolve evaluates what was kept, per host, from any thread; a plain config reads them again.
/// </summary>
public sealed class SshConfigKeptFilesTests
{
    [Fact]
    public void Files_and_includes_are_read_once_and_evaluated_per_host()
    {
        using var dir = new TempDirectory();
        string main = dir.File("config");
        Directory.CreateDirectory(dir.File("conf.d"));
        File.WriteAllText(main, $"Include {dir.File("conf.d")}/*.conf\nHost r*\n  User admin\nHost *\n  Port 2200\n");
        File.WriteAllText(dir.File("conf.d/a.conf"), "Host r2\n  Port 2022\n");
        var query = new SshConfigQuery { LocalUser = "me", HomeDirectory = dir.Path };
        SshConfig kept = SshConfig.FromFile(main).WithParsedFilesKept();
        SshConfig plain = SshConfig.FromFile(main);

        Assert.Equal((2200, "admin"), Of(kept.Resolve("r1", query)));
        Assert.Equal((2022, "admin"), Of(kept.Resolve("r2", query)));

        // Change every file and add one the Include pattern would now match: only the plain config sees it.
        File.WriteAllText(main, $"Include {dir.File("conf.d")}/*.conf\nHost *\n  Port 2300\n");
        File.WriteAllText(dir.File("conf.d/a.conf"), "Host r2\n  Port 2023\n");
        File.WriteAllText(dir.File("conf.d/b.conf"), "Host sw1\n  Port 2024\n");
        Assert.Equal((2200, "me"), Of(kept.Resolve("sw1", query)));
        Assert.Equal((2022, "admin"), Of(kept.Resolve("r2", query)));
        Assert.Equal((2024, "me"), Of(plain.Resolve("sw1", query)));
        Assert.Equal((2023, "me"), Of(plain.Resolve("r2", query)));
    }

    [Fact]
    public void Hosts_resolve_the_same_from_many_threads()
    {
        using var dir = new TempDirectory();
        string main = dir.File("config");
        File.WriteAllText(main, string.Concat(Enumerable.Range(0, 50).Select(i => $"Host h{i}\n  Port {3000 + i}\n")));
        SshConfig kept = SshConfig.FromFile(main).WithParsedFilesKept();
        var query = new SshConfigQuery { LocalUser = "me", HomeDirectory = dir.Path };
        int[] ports = new int[2000];
        Parallel.For(0, ports.Length, i => ports[i] = kept.Resolve($"h{i % 50}", query).Port);
        Assert.All(Enumerable.Range(0, ports.Length), i => Assert.Equal(3000 + i % 50, ports[i]));
    }

    [Fact]
    public void A_missing_F_file_fails_every_resolve_alike()
    {
        SshConfig kept = SshConfig.FromFile("/nonexistent/vty-kept-config").WithParsedFilesKept();
        var first = Assert.Throws<SshConfigException>(() => kept.Resolve("a"));
        var second = Assert.Throws<SshConfigException>(() => kept.Resolve("b"));
        Assert.Equal(first.Message, second.Message);
        Assert.Contains("does not exist", second.Message);
    }

    private static (int Port, string User) Of(SshResolvedConfig c) => (c.Port, c.User);
}
