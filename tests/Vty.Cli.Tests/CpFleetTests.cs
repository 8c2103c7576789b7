using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Vty.Lab;
using Vty.Lab.Files;
using Vty.Lab.Serving;
using Vty.Ssh.FileSystems;
using Vty.Ssh.Server.HostKeys;
using Vty.TestSupport.Ssh;

namespace Vty.Cli.Tests;

/// <summary><c>vty cp --inventory</c>: fleet push and pull against lab devices served over our SSH server, through the fleet runner.</summary>
public sealed class CpFleetTests
{
    private static readonly TimeSpan FleetTimeout = TimeSpan.FromMinutes(5);

    private static async Task<CliRunner.Outcome> CpAsync(string dir, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ParseResult parse = Program.BuildRootCommand().Parse([
            "cp", "--inventory", Path.Combine(dir, "lab.yaml"),
            "-o", "StrictHostKeyChecking=accept-new", "-o", $"UserKnownHostsFile={Path.Combine(dir, "known_hosts")}", .. args]);
        int exit = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, CancellationToken.None).WaitAsync(FleetTimeout);
        return new CliRunner.Outcome(exit, stdout.ToString(), stderr.ToString());
    }

    private static Dictionary<string, JsonElement> ByHost(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("host").GetString()!);

    private static string[] Commands(JsonElement host) => [.. host.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("command").GetString()!)];

    private static async Task<byte[]?> FlashFileAsync(LabHostDevice device, string path)
    {
        InMemoryFileSystem flash = LabFlash.Of(device.Device.State);
        IServedFile file;
        try
        {
            file = await flash.OpenFileAsync(path, ServedOpenMode.Read, null, default);
        }
        catch (IOException)
        {
            return null;
        }
        await using (file)
        {
            var content = new byte[(await file.GetInfoAsync(default)).Size];
            int read = 0;
            while (read < content.Length)
                read += await file.ReadAsync(read, content.AsMemory(read), default);
            return content;
        }
    }

    [Fact]
    public async Task PushToTwoHundredLabDevicesWithTenPercentFailing()
    {
        string dir = CliRunner.TempDir();
        try
        {
            // 10 % fail: every 20th device from 3 has a flash too small for the file, every 20th from 13 refuses the login.
            await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
            {
                Devices = 200, Profiles = ["ios"], Telnet = false,
                HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
                ConfigureDevice = (i, d) =>
                {
                    if (i % 20 == 3) d.FlashCapacityBytes = 50_000;
                    if (i % 20 == 13) d.Fault = LabFault.RejectLogin;
                },
            }).WaitAsync(FleetTimeout);
            await lab.WriteInventoryAsync(Path.Combine(dir, "lab.yaml"));
            byte[] image = new byte[100_000];
            new Random(9).NextBytes(image);
            string local = Path.Combine(dir, "push.bin");
            await File.WriteAllBytesAsync(local, image);
            string md5 = Convert.ToHexStringLower(MD5.HashData(image));

            CliRunner.Outcome push = await CpAsync(dir, "--verify", "--json", "--parallel", "20", local, ":flash:");

            Dictionary<string, JsonElement> results = ByHost(push.Stdout);
            Assert.Equal(200, results.Count);
            Assert.Equal(20, push.ExitCode);
            foreach (LabHostDevice device in lab.Devices)
            {
                JsonElement host = results[device.Name + "-ssh"];
                byte[]? onFlash = await FlashFileAsync(device, "/push.bin");
                if (device.Index % 20 == 3)
                {
                    Assert.False(host.GetProperty("ok").GetBoolean());
                    Assert.Contains("not enough space on flash:", host.GetProperty("error").GetString());
                    Assert.Equal(["check push.bin"], Commands(host));
                    Assert.Null(onFlash);
                }
                else if (device.Index % 20 == 13)
                {
                    Assert.False(host.GetProperty("ok").GetBoolean());
                    Assert.Empty(Commands(host));
                    Assert.Null(onFlash);
                }
                else
                {
                    Assert.True(host.GetProperty("ok").GetBoolean(), host.GetProperty("error").ToString());
                    Assert.Equal(["check push.bin", "space push.bin", "copy push.bin", "verify push.bin"], Commands(host));
                    Assert.Equal($"md5 {md5} matches on the device", host.GetProperty("results")[3].GetProperty("output").GetString());
                    Assert.Equal(image, onFlash);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task PullsIntoAFolderPerHostAndVerifiesOnIosAndLinux()
    {
        string dir = CliRunner.TempDir();
        try
        {
            await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
            {
                Devices = 4, Profiles = ["ios", "linux"], Telnet = false,
                HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            }).WaitAsync(FleetTimeout);
            await lab.WriteInventoryAsync(Path.Combine(dir, "lab.yaml"));
            string local = Path.Combine(dir, "notes.txt");
            await File.WriteAllTextAsync(local, string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i}\n")));

            // Linux: sha256sum and df -P in the device's shell, the copy over SFTP into the login directory.
            CliRunner.Outcome push = await CpAsync(dir, "--group", "lab-ssh", "--verify", "--json", local, ":");
            Assert.True(push.ExitCode == 0, push.Stdout + push.Stderr);
            JsonElement linux = ByHost(push.Stdout)[lab.Devices[1].Name + "-ssh"];
            Assert.Equal(["check notes.txt", "space notes.txt", "copy notes.txt", "verify notes.txt"], Commands(linux));
            Assert.Contains("over Sftp", linux.GetProperty("results")[2].GetProperty("output").GetString());
            Assert.StartsWith("sha256 ", linux.GetProperty("results")[3].GetProperty("output").GetString());
            JsonElement ios = ByHost(push.Stdout)[lab.Devices[0].Name + "-ssh"];
            Assert.Contains("to flash:/notes.txt over Scp", ios.GetProperty("results")[2].GetProperty("output").GetString());

            // A second push finds the same hash and copies nothing.
            CliRunner.Outcome again = await CpAsync(dir, "--json", local, ":");
            Assert.Equal(0, again.ExitCode);
            Assert.All(ByHost(again.Stdout).Values, h => Assert.Contains("nothing to copy", h.GetProperty("results")[0].GetProperty("output").GetString()));

            string pulled = Path.Combine(dir, "pulled");
            CliRunner.Outcome linuxPull = await CpAsync(dir, "--verify", "--json", ":notes.txt", pulled);
            Assert.True(linuxPull.ExitCode == 0, linuxPull.Stdout + linuxPull.Stderr);
            foreach (LabHostDevice device in lab.Devices)
                Assert.Equal(await File.ReadAllTextAsync(local), await File.ReadAllTextAsync(Path.Combine(pulled, device.Name + "-ssh", "notes.txt")));
            Assert.All(ByHost(linuxPull.Stdout).Values, h => Assert.Equal("verify notes.txt", Commands(h)[^1]));

            // A file one host lacks fails that host only.
            CliRunner.Outcome missing = await CpAsync(dir, "--json", ":flash:/nope.bin", pulled);
            Assert.Equal(4, missing.ExitCode);
            Assert.All(ByHost(missing.Stdout).Values, h => Assert.False(h.GetProperty("ok").GetBoolean()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task APlatformWithoutAHashCommandIsVerifiedByReadingTheFileBackOverSftp()
    {
        string dir = CliRunner.TempDir();
        try
        {
            await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
            {
                Devices = 1, Profiles = ["linux"], Telnet = false,
                HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            }).WaitAsync(FleetTimeout);
            // cumulus has no file dialect of its own in Vty (only the plain shell has one).
            await File.WriteAllTextAsync(Path.Combine(dir, "lab.yaml"),
                $"defaults:\n  username: lab\n  password: lab\nhosts:\n  leaf1:\n    url: {lab.Devices[0].SshUrl}\n    driver: cumulus\n");
            string local = Path.Combine(dir, "frr.conf");
            await File.WriteAllTextAsync(local, "router bgp 65001\n");

            CliRunner.Outcome push = await CpAsync(dir, "--verify", "--json", local, ":/tmp/");
            Assert.True(push.ExitCode == 0, push.Stdout + push.Stderr);
            JsonElement leaf = ByHost(push.Stdout)["leaf1"];
            Assert.Equal(["copy frr.conf", "verify frr.conf"], Commands(leaf));
            Assert.Contains("matches /tmp/frr.conf read back over SFTP", leaf.GetProperty("results")[1].GetProperty("output").GetString());

            CliRunner.Outcome pull = await CpAsync(dir, "--verify", "--json", ":/tmp/frr.conf", Path.Combine(dir, "pulled"));
            Assert.True(pull.ExitCode == 0, pull.Stdout + pull.Stderr);
            Assert.Contains("read again over SFTP", ByHost(pull.Stdout)["leaf1"].GetProperty("results")[1].GetProperty("output").GetString());
            Assert.Equal("router bgp 65001\n", await File.ReadAllTextAsync(Path.Combine(dir, "pulled", "leaf1", "frr.conf")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task BadOperandsAreUsageErrorsWithHints()
    {
        string dir = CliRunner.TempDir();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "lab.yaml"), "hosts:\n  r1:\n    url: dummy://lab:lab@r1?profile=ios\n");
            string local = Path.Combine(dir, "a.bin");
            await File.WriteAllTextAsync(local, "a");

            CliRunner.Outcome bothLocal = await CpAsync(dir, local, Path.Combine(dir, "b"));
            Assert.Equal(2, bothLocal.ExitCode);
            Assert.Contains("hint: with --inventory, write the hosts' side as :PATH", bothLocal.Stderr);

            CliRunner.Outcome missing = await CpAsync(dir, Path.Combine(dir, "nope.bin"), ":flash:");
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("does not exist", missing.Stderr);

            CliRunner.Outcome resume = await CpAsync(dir, "--resume", local, ":flash:");
            Assert.Equal(2, resume.ExitCode);
            Assert.Contains("--resume continues pulls", resume.Stderr);

            CliRunner.Outcome folder = await CpAsync(dir, dir, ":/tmp/");
            Assert.Equal(2, folder.ExitCode);
            Assert.Contains("copy folders with -r", folder.Stderr);

            CliRunner.Outcome verifyTree = await CpAsync(dir, "-r", "--verify", dir, ":/tmp/");
            Assert.Equal(2, verifyTree.ExitCode);
            Assert.Contains("--verify checks files, not trees", verifyTree.Stderr);

            CliRunner.Outcome noInventory = await CliRunner.RunAsync("cp", local, ":flash:");
            Assert.Equal(2, noInventory.ExitCode);
            Assert.Contains("add --inventory FILE", noInventory.Stderr);

            // A host without SSH fails with a reason; the others would go on.
            CliRunner.Outcome dummy = await CpAsync(dir, "--json", local, ":flash:");
            Assert.Equal(1, dummy.ExitCode);
            Assert.Contains("needs an SSH connection", ByHost(dummy.Stdout)["r1"].GetProperty("error").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
    [Fact]
    public async Task TreesGoBothWaysAndAPullResumesPerHost()
    {
        string dir = CliRunner.TempDir();
        try
        {
            await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
            {
                Devices = 3, Profiles = ["linux"], Telnet = false,
                HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            }).WaitAsync(FleetTimeout);
            await lab.WriteInventoryAsync(Path.Combine(dir, "lab.yaml"));
            string site = Path.Combine(dir, "site");
            Directory.CreateDirectory(Path.Combine(site, "sub"));
            await File.WriteAllTextAsync(Path.Combine(site, "a.txt"), "alpha\n");
            byte[] big = new byte[300_000];
            new Random(5).NextBytes(big);
            await File.WriteAllBytesAsync(Path.Combine(site, "sub", "big.bin"), big);

            // -r: the folder goes to /tmp/site on every host, one copy step each.
            CliRunner.Outcome push = await CpAsync(dir, "--json", "-r", site, ":/tmp/");
            Assert.True(push.ExitCode == 0, push.Stdout + push.Stderr);
            Assert.Equal(3, ByHost(push.Stdout).Count);
            Assert.All(ByHost(push.Stdout).Values, h =>
            {
                Assert.Equal(["copy site"], Commands(h));
                Assert.Contains("sent to /tmp/site over Sftp", h.GetProperty("results")[0].GetProperty("output").GetString());
            });

            string back = Path.Combine(dir, "back");
            CliRunner.Outcome pull = await CpAsync(dir, "--json", "-r", ":/tmp/site", back);
            Assert.True(pull.ExitCode == 0, pull.Stdout + pull.Stderr);
            foreach (LabHostDevice device in lab.Devices)
            {
                string host = Path.Combine(back, device.Name + "-ssh", "site");
                Assert.Equal("alpha\n", await File.ReadAllTextAsync(Path.Combine(host, "a.txt")));
                Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(host, "sub", "big.bin")));
            }

            // --resume: each host's partial file is continued from its length, not fetched again. The kept
            // prefix is zeros here (not the real bytes), so only a resumed pull ends with zeros then the rest.
            string partial = Path.Combine(dir, "partial");
            foreach (LabHostDevice device in lab.Devices)
            {
                Directory.CreateDirectory(Path.Combine(partial, device.Name + "-ssh"));
                await File.WriteAllBytesAsync(Path.Combine(partial, device.Name + "-ssh", "big.bin"), new byte[100_000]);
            }
            CliRunner.Outcome resumed = await CpAsync(dir, "--json", "--resume", ":/tmp/site/sub/big.bin", partial);
            Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
            byte[] expected = [.. new byte[100_000], .. big.AsSpan(100_000)];
            foreach (LabHostDevice device in lab.Devices)
            {
                Assert.Equal(expected, await File.ReadAllBytesAsync(Path.Combine(partial, device.Name + "-ssh", "big.bin")));
                string copy = ByHost(resumed.Stdout)[device.Name + "-ssh"].GetProperty("results")[0].GetProperty("output").GetString()!;
                Assert.Contains("200000 bytes received", copy);
                Assert.Contains("resumed after the 100000 already here", copy);
            }

            // A local folder that cannot be made (a file is in the way) fails that host as local-file, not unreachable, and is not retried.
            string blocked = Path.Combine(dir, "blocked");
            Directory.CreateDirectory(blocked);
            await File.WriteAllTextAsync(Path.Combine(blocked, lab.Devices[0].Name + "-ssh"), "in the way");
            CliRunner.Outcome local = await CpAsync(dir, "--json", "--retries", "2", ":/tmp/site/a.txt", blocked);
            JsonElement stuck = ByHost(local.Stdout)[lab.Devices[0].Name + "-ssh"];
            Assert.Equal("local-file", stuck.GetProperty("status").GetString());
            Assert.Equal(1, stuck.GetProperty("attempts").GetInt32());
            Assert.Equal(2, ByHost(local.Stdout).Values.Count(h => h.GetProperty("ok").GetBoolean()));

            // The lab's Linux tree has no times or modes: -p is refused there with the server's reason, not ignored.
            CliRunner.Outcome preserve = await CpAsync(dir, "--json", "-r", "-p", site, ":/tmp/kept/");
            Assert.Equal(3, ByHost(preserve.Stdout).Count(h => !h.Value.GetProperty("ok").GetBoolean()));
            Assert.Contains("not support", ByHost(preserve.Stdout).Values.First().GetProperty("error").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PreserveKeepsTimesAndModesOnAFleetPushAndPullWithRealSshd()
    {
        await using OpenSshServer sshd = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["Subsystem"] = "sftp internal-sftp" }).WaitAsync(FleetTimeout);
        string dir = CliRunner.TempDir();
        // The remote side writes as the test user: a folder it may write to.
        string remoteRoot = Directory.CreateTempSubdirectory("vty-cp-fleet-").FullName;
        File.SetUnixFileMode(remoteRoot, (UnixFileMode)0x1FF);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "lab.yaml"), $$"""
                defaults: { username: {{SshTestUser.Name}}, password: {{SshTestUser.Password}}, driver: linux }
                hosts:
                  openssh: { url: "ssh://127.0.0.1:{{sshd.Port}}" }
                """);
            var old = new DateTime(2020, 2, 3, 4, 5, 6, DateTimeKind.Utc);
            string site = Path.Combine(dir, "site");
            Directory.CreateDirectory(Path.Combine(site, "sub"));
            await File.WriteAllTextAsync(Path.Combine(site, "a.txt"), "alpha\n");
            await File.WriteAllTextAsync(Path.Combine(site, "sub", "b.txt"), "beta\n");
            File.SetUnixFileMode(Path.Combine(site, "a.txt"), (UnixFileMode)0x1A0); // 0640
            File.SetLastWriteTimeUtc(Path.Combine(site, "a.txt"), old);
            File.SetLastWriteTimeUtc(Path.Combine(site, "sub", "b.txt"), old);
            string single = Path.Combine(dir, "one.txt");
            await File.WriteAllTextAsync(single, "one\n");
            File.SetLastWriteTimeUtc(single, old);

            CliRunner.Outcome push = await CpAsync(dir, "--json", "-r", "-p", site, single, $":{remoteRoot}/");
            Assert.True(push.ExitCode == 0, push.Stdout + push.Stderr + sshd.Log);
            Assert.Equal(old, File.GetLastWriteTimeUtc(Path.Combine(remoteRoot, "site", "a.txt")));
            Assert.Equal(old, File.GetLastWriteTimeUtc(Path.Combine(remoteRoot, "site", "sub", "b.txt")));
            Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(Path.Combine(remoteRoot, "site", "a.txt")));
            Assert.Equal(old, File.GetLastWriteTimeUtc(Path.Combine(remoteRoot, "one.txt")));

            // Pulled back with -r -p (a tree and a file), the times and modes come along too.
            string back = Path.Combine(dir, "back");
            CliRunner.Outcome pull = await CpAsync(dir, "--json", "-r", "-p", $":{remoteRoot}/site", $":{remoteRoot}/one.txt", back);
            Assert.True(pull.ExitCode == 0, pull.Stdout + pull.Stderr);
            Assert.Equal("alpha\n", await File.ReadAllTextAsync(Path.Combine(back, "openssh", "site", "a.txt")));
            Assert.Equal(old, File.GetLastWriteTimeUtc(Path.Combine(back, "openssh", "site", "sub", "b.txt")));
            Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(Path.Combine(back, "openssh", "site", "a.txt")));
            Assert.Equal(old, File.GetLastWriteTimeUtc(Path.Combine(back, "openssh", "one.txt")));

            // Without -p the copy gets the time of the copy.
            CliRunner.Outcome plain = await CpAsync(dir, "--json", single, $":{remoteRoot}/fresh.txt");
            Assert.True(plain.ExitCode == 0, plain.Stdout + plain.Stderr);
            Assert.NotEqual(old, File.GetLastWriteTimeUtc(Path.Combine(remoteRoot, "fresh.txt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            Directory.Delete(remoteRoot, recursive: true);
        }
    }
}
