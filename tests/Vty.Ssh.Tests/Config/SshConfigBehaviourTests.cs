using Vty.Ssh.Config;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Config;

/// <summary>Errors, tokens, paths and typed values of the ssh_config evaluator.</summary>
public sealed class SshConfigBehaviourTests
{
    private static readonly SshConfigQuery Query = new() { LocalUser = "me", HomeDirectory = "/home/me", Environment = n => n == "KEYDIR" ? "/keys" : null };

    private static SshResolvedConfig Resolve(string text, string host = "h", SshConfigQuery? query = null) =>
        SshConfig.FromText(text).Resolve(host, query ?? Query);

    [Theory]
    [InlineData("exec \"true\"", "exec")]
    [InlineData("canonical", "canonical")]
    [InlineData("localnetwork 10.0.0.0/8", "localnetwork")]
    [InlineData("tagged x", "tagged")]
    public void Unsupported_match_criteria_are_named(string criteria, string name)
    {
        var e = Assert.Throws<SshConfigException>(() => Resolve($"Match {criteria}\n  User x\n"));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("supported: all, host, originalhost, user, localuser, final", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Unknown_options_are_ignored_and_listed_once()
    {
        SshResolvedConfig c = Resolve("ControlMaster auto\nHost *\n  Compression yes\n  controlmaster no\n  User u\n");
        Assert.Equal(["ControlMaster", "Compression"], c.IgnoredOptions);
        Assert.Equal("u", c.User);
    }

    [Fact]
    public void Bad_values_name_file_line_and_what_is_accepted()
    {
        using var dir = new TempDirectory();
        string file = dir.File("cfg");
        File.WriteAllText(file, "Host *\n  Port 22\n  Port abc\n");
        var e = Assert.Throws<SshConfigException>(() => SshConfig.FromFile(file).Resolve("h", Query));
        Assert.Equal(file, e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("Port must be 1-65535", e.Message);
        Assert.Throws<SshConfigException>(() => Resolve("StrictHostKeyChecking maybe\n"));
        Assert.Throws<SshConfigException>(() => Resolve("ConnectTimeout 5x\n"));
        Assert.Throws<SshConfigException>(() => Resolve("ProxyJump user@\n"));
        Assert.Throws<SshConfigException>(() => Resolve("LocalForward 8080\n"));
        Assert.Throws<SshConfigException>(() => Resolve("HostName a\"b\n"));
    }

    [Fact]
    public void F_none_reads_nothing_and_a_missing_F_file_is_an_error()
    {
        SshResolvedConfig c = SshConfig.FromFile("none").Resolve("plain", Query);
        Assert.Equal("plain", c.HostName);
        Assert.Equal("me", c.User);
        Assert.False(c.UserWasSet);
        Assert.Equal(22, c.Port);
        var e = Assert.Throws<SshConfigException>(() => SshConfig.FromFile("/nonexistent/vty-config").Resolve("h", Query));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Default_reads_the_users_file_then_skips_missing_system_one()
    {
        using var home = new TempDirectory();
        Directory.CreateDirectory(home.File(".ssh"));
        File.WriteAllText(home.File(".ssh/config"), "Host fromhome\n  Port 2022\n  Include extra\n");
        File.WriteAllText(home.File(".ssh/extra"), "User relative-include\n");
        SshResolvedConfig c = SshConfig.Default(home.Path).Resolve("fromhome", new SshConfigQuery { LocalUser = "me", HomeDirectory = home.Path });
        Assert.Equal(2022, c.Port);
        Assert.Equal("relative-include", c.User);
    }

    [Fact]
    public void Include_loops_stop_with_a_clear_error()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("loop"), $"Include {dir.File("loop")}\n");
        var e = Assert.Throws<SshConfigException>(() => SshConfig.FromFile(dir.File("loop")).Resolve("h", Query));
        Assert.Contains("Include nested deeper than 16", e.Message);
    }

    [Fact]
    public void Paths_expand_tilde_tokens_and_environment()
    {
        SshResolvedConfig c = Resolve("""
            Host h
              HostName real.example
              User bob
              Port 2200
              IdentityFile ~/.ssh/id_%r@%h
              IdentityFile ${KEYDIR}/%n-%p
              CertificateFile %d/certs/%u-cert.pub
              IdentityAgent ~/agent.sock
              ProxyCommand nc %h %p # comment
            """);
        Assert.Equal(["/home/me/.ssh/id_bob@real.example", "/keys/h-2200"], c.IdentityFiles);
        Assert.Equal(["/home/me/certs/me-cert.pub"], c.CertificateFiles);
        Assert.Equal("/home/me/agent.sock", c.IdentityAgent);
        Assert.Equal("nc real.example 2200", c.ProxyCommand);
    }

    [Fact]
    public void Unsupported_tokens_and_unset_variables_are_errors()
    {
        Assert.Contains("%C", Assert.Throws<SshConfigException>(() => Resolve("IdentityFile /k/%C\n")).Message);
        Assert.Contains("not allowed in HostName", Assert.Throws<SshConfigException>(() => Resolve("HostName %p.example\n")).Message);
        Assert.Contains("NOPE", Assert.Throws<SshConfigException>(() => Resolve("IdentityFile ${NOPE}/k\n")).Message);
        Assert.Contains("lone '%'", Assert.Throws<SshConfigException>(() => Resolve("IdentityFile /k/%\n")).Message);
    }

    [Fact]
    public void ProxyJump_and_ProxyCommand_exclude_each_other_first_wins()
    {
        SshResolvedConfig jump = Resolve("ProxyJump ssh://u@[::1]:2222,b\nProxyCommand nc %h %p\n");
        Assert.Equal([new SshJumpHost("u", "::1", 2222), new SshJumpHost(null, "b", null)], jump.ProxyJump);
        Assert.Null(jump.ProxyCommand);
        SshResolvedConfig command = Resolve("ProxyCommand none\nProxyJump b\n");
        Assert.Null(command.ProxyCommand);
        Assert.Null(command.ProxyJump);
        Assert.Empty(Resolve("ProxyJump none\n").ProxyJump!);
    }

    [Fact]
    public void ForwardAgent_may_name_a_socket_or_a_variable()
    {
        SshResolvedConfig c = Resolve("ForwardAgent $KEYDIR\n");
        Assert.True(c.ForwardAgent);
        Assert.Equal("/keys", c.ForwardAgentSocket);
        Assert.False(Resolve("ForwardAgent no\n").ForwardAgent);
    }

    [Fact]
    public void Environment_to_send_combines_SendEnv_patterns_and_SetEnv()
    {
        SshResolvedConfig c = Resolve("SendEnv LC_* LANG\nSetEnv LANG=C.UTF-8 X=1\nSetEnv X=2\n");
        var sent = c.EnvironmentToSend(() => [new("LC_ALL", "de"), new("LANG", "en"), new("HOME", "/h")]);
        Assert.Equal("de", sent["LC_ALL"]);
        Assert.Equal("C.UTF-8", sent["LANG"]);
        Assert.Equal("1", sent["X"]);
        Assert.False(sent.ContainsKey("HOME"));
    }

    [Theory]
    [InlineData("8080:db:5432", null, 8080, "db", 5432)]
    [InlineData("127.0.0.1:8080:db:5432", "127.0.0.1", 8080, "db", 5432)]
    [InlineData("[::1]:8080:[fe80::1]:22", "::1", 8080, "fe80::1", 22)]
    [InlineData("*:8080:db:5432", "*", 8080, "db", 5432)]
    public void Local_forwards_parse_like_ssh_L(string text, string? bind, int port, string host, int hostPort) =>
        Assert.Equal(new SshForwardSpec(SshForwardKind.Local, bind, port, host, hostPort), SshForwardSpec.ParseCommandLine(SshForwardKind.Local, text));

    [Fact]
    public void Remote_and_dynamic_forwards_parse_like_ssh_R_and_D()
    {
        Assert.Equal(new SshForwardSpec(SshForwardKind.Remote, null, 0, "localhost", 22), SshForwardSpec.ParseCommandLine(SshForwardKind.Remote, "0:localhost:22"));
        Assert.Equal(new SshForwardSpec(SshForwardKind.Remote, null, 1080, null, null), SshForwardSpec.ParseCommandLine(SshForwardKind.Remote, "1080"));
        Assert.Equal(new SshForwardSpec(SshForwardKind.Dynamic, "localhost", 1080, null, null), SshForwardSpec.ParseCommandLine(SshForwardKind.Dynamic, "localhost:1080"));
        Assert.Throws<FormatException>(() => SshForwardSpec.ParseCommandLine(SshForwardKind.Local, "8080"));
        Assert.Throws<FormatException>(() => SshForwardSpec.ParseCommandLine(SshForwardKind.Local, "70000:db:1"));
        Assert.Throws<FormatException>(() => SshForwardSpec.ParseCommandLine(SshForwardKind.Local, "/tmp/sock:db:1"));
    }

    [Fact]
    public void Client_options_follow_the_config()
    {
        SshResolvedConfig c = Resolve("""
            Host h
              HostName 10.1.2.3
              User admin
              Port 2222
              StrictHostKeyChecking yes
              UserKnownHostsFile /tmp/kh
              HostKeyAlias core-sw
              ConnectTimeout 7
              ServerAliveInterval 20
              ServerAliveCountMax 5
              KexAlgorithms -sntrup*
              Ciphers ^aes256-ctr
              MACs hmac-sha2-512
              PreferredAuthentications password,keyboard-interactive,publickey
              KbdInteractiveAuthentication no
              IdentityFile /nonexistent/key
            """);
        SshClientOptions o = SshConfigClientOptions.Create(c);
        Assert.Equal(("10.1.2.3", 2222, "admin"), (o.Host, o.Port, o.Username));
        Assert.Equal(HostKeyPolicy.Strict, o.HostKeyPolicy);
        Assert.Equal("/tmp/kh", o.KnownHostsPath);
        Assert.Equal("core-sw", o.HostKeyAlias);
        Assert.Equal(TimeSpan.FromSeconds(7), o.ConnectTimeout);
        Assert.Equal((TimeSpan.FromSeconds(20), 5), (o.KeepAliveInterval!.Value, o.KeepAliveCountMax));
        Assert.DoesNotContain(o.KexAlgorithms!, k => k.StartsWith("sntrup", StringComparison.Ordinal));
        Assert.Equal("mlkem768x25519-sha256", o.KexAlgorithms![0]);
        Assert.Equal("aes256-ctr", o.Ciphers![0]);
        Assert.Equal(["hmac-sha2-512"], o.Macs);
        Assert.Equal(["password", "publickey"], o.AuthenticationMethods);
        Assert.Empty(o.PrivateKeys);
        Assert.Throws<SshAlgorithmListException>(() => SshConfigClientOptions.Create(Resolve("Ciphers aes128-ocb\n")));
    }
}
