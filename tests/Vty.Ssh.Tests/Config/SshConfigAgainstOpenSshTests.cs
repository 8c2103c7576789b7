using Vty.Ssh.Config;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Config;

/// <summary>
/// The same config evaluated by Vty and by the real OpenSSH 9.2 client (`ssh -G`): every option the
/// issue lists, Host patterns, Match, Include and first-obtained-wins must come out the same.
/// </summary>
public sealed class SshConfigAgainstOpenSshTests
{
    private static readonly SshConfigQuery Query = new() { LocalUser = "root", HomeDirectory = "/root" };

    private static async Task AssertLikeOpenSshAsync(string configText, string host, SshConfigQuery? query = null, string[]? sshArgs = null,
        Action<SshResolvedConfig>? also = null)
    {
        using var dir = new TempDirectory();
        string file = dir.File("config");
        await File.WriteAllTextAsync(file, configText.Replace("@DIR@", dir.Path, StringComparison.Ordinal));
        SshResolvedConfig ours = SshConfig.FromFile(file).Resolve(host, query ?? Query);
        var ssh = await OpenSshConfigDump.SshAsync(file, host, sshArgs ?? []);
        OpenSshConfigDump.AssertSame(OpenSshConfigDump.Ours(ours), ssh);
        also?.Invoke(ours);
    }

    [Fact]
    public Task Every_listed_option_reads_the_same() => AssertLikeOpenSshAsync("""
        # every option of the issue in one block
        Host full
          HostName full.example.net
          User alice
          Port 2200
          IdentityFile /tmp/vty-id-one
          IdentityFile /tmp/vty-id-two
          IdentitiesOnly yes
          CertificateFile /tmp/vty-id-one-cert.pub
          IdentityAgent /tmp/vty-agent.sock
          AddKeysToAgent yes
          ProxyJump bob@bastion1:2222,carol@bastion2
          ForwardAgent yes
          StrictHostKeyChecking accept-new
          UserKnownHostsFile /tmp/kh1 /tmp/kh2
          GlobalKnownHostsFile /tmp/gkh
          HashKnownHosts yes
          HostKeyAlias full-alias
          ConnectTimeout 1m30s
          ServerAliveInterval 15
          ServerAliveCountMax 7
          KexAlgorithms curve25519-sha256,ecdh-sha2-nistp256
          Ciphers aes128-ctr,aes256-gcm@openssh.com
          MACs hmac-sha2-256,hmac-sha2-512
          HostKeyAlgorithms ssh-ed25519,rsa-sha2-512
          PubkeyAcceptedAlgorithms ssh-ed25519,rsa-sha2-256
          PreferredAuthentications publickey,password
          PasswordAuthentication no
          KbdInteractiveAuthentication no
          PubkeyAuthentication yes
          BatchMode yes
          LocalForward 8080 localhost:80
          LocalForward [::1]:9090 inner:90
          RemoteForward 9000 localhost:22
          RemoteForward 9001
          DynamicForward 1080
          DynamicForward localhost:1081
          SendEnv LANG LC_*
          SetEnv A=1 B="two words"
          RequestTTY force
          LogLevel VERBOSE
        """, "full", also: c =>
        {
            Assert.Equal([new SshJumpHost("bob", "bastion1", 2222), new SshJumpHost("carol", "bastion2", null)], c.ProxyJump);
            Assert.Equal(TimeSpan.FromSeconds(90), c.ConnectTimeout);
            Assert.Equal("yes", c.AddKeysToAgent);
            Assert.Empty(c.IgnoredOptions);
        });

    [Fact]
    public Task First_obtained_value_wins_and_cumulative_options_add_up() => AssertLikeOpenSshAsync("""
        Host web*
          User first
          IdentityFile /tmp/a
          LocalForward 1 x:1
        Host *.example web1
          User second
          Port 2022
          IdentityFile /tmp/b
          LocalForward 2 y:2
          SendEnv LANG
        Host *
          Port 22
          User third
          SendEnv LC_* -LANG
        """, "web1");

    [Theory]
    [InlineData("db1.prod")]
    [InlineData("db1.test")]
    [InlineData("web.prod")]
    [InlineData("DB9.PROD")]      // Host lines compare case-sensitively, yet hostname comes out lower-case
    [InlineData("MHOST")]
    public Task Host_patterns_with_wildcards_negation_and_lists(string host) => AssertLikeOpenSshAsync("""
        Host db?.* !*.test
          User dba
        Host *.prod web.*
          Port 2201
        Host *
          User nobody
        """, host);

    [Theory]
    [InlineData("mhost", null)]
    [InlineData("other", null)]
    [InlineData("mhost", "bob")]
    [InlineData("REAL.example", null)]   // Match host lower-cases its patterns only
    public Task Match_host_originalhost_user_localuser_all_and_negation(string host, string? user) => AssertLikeOpenSshAsync("""
        Host mhost
          HostName real.example
        Match originalhost mhost user root
          Port 1111
        Match host real.example !user root
          Port 2222
        Match localuser root host other
          User fromlocal
        Match all
          ServerAliveInterval 33
        """, host, user is null ? Query : new SshConfigQuery { LocalUser = "root", HomeDirectory = "/root", CommandLineOptions = [$"User={user}"] },
        user is null ? null : ["-l", user]);

    [Fact]
    public Task Match_final_runs_a_second_pass_against_the_hostname() => AssertLikeOpenSshAsync("""
        Host alias
          HostName target.internal
        Host target.internal
          User viahost
        Match final host target.internal
          Port 3333
        """, "alias", also: c =>
        {
            Assert.Equal("viahost", c.User);
            Assert.Equal(3333, c.Port);
        });

    [Fact]
    public Task Tokens_in_hostname_and_known_hosts_files() => AssertLikeOpenSshAsync("""
        Host tok
          HostName %h.example.org
          User u1
          Port 2345
          UserKnownHostsFile /tmp/kh-%h-%p-%r-%n-%u %d/kh2 /tmp/100%%
        """, "tok", also: c => Assert.Equal(["/tmp/kh-tok.example.org-2345-u1-tok-root", "/root/kh2", "/tmp/100%"], c.UserKnownHostsFiles));

    [Fact]
    public Task Command_line_options_come_first() => AssertLikeOpenSshAsync("""
        Host cli
          User fromfile
          Port 1000
          ConnectTimeout 5
        """, "cli", new SshConfigQuery { LocalUser = "root", HomeDirectory = "/root", CommandLineOptions = ["Port=2000", "User clicli"] },
        ["-o", "Port=2000", "-o", "User clicli"]);

    [Fact]
    public async Task Include_tree_matches_openssh()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("confd"));
        await File.WriteAllTextAsync(dir.File("confd/a.conf"), "Port 4001\nHost other\n  User notme\n");
        await File.WriteAllTextAsync(dir.File("confd/b.conf"), "User fromb\n");
        await File.WriteAllTextAsync(dir.File("confd/.hidden.conf"), "User hidden\n");
        string main = dir.File("config");
        await File.WriteAllTextAsync(main, $"Host inc\n  Include {dir.Path}/confd/*.conf\nHost *\n  User fallback\n  ServerAliveInterval 9\n");
        foreach (string host in new[] { "inc", "other", "elsewhere" })
        {
            SshResolvedConfig ours = SshConfig.FromFile(main).Resolve(host, Query);
            OpenSshConfigDump.AssertSame(OpenSshConfigDump.Ours(ours), await OpenSshConfigDump.SshAsync(main, host));
        }
        Assert.Equal("fromb", SshConfig.FromFile(main).Resolve("inc", Query).User);
        Assert.Equal(4001, SshConfig.FromFile(main).Resolve("inc", Query).Port);
        Assert.Equal("fallback", SshConfig.FromFile(main).Resolve("other", Query).User);
    }
}
