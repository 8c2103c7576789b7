using System.Text;
using Vty.Ssh.Keys;
using Vty.Ssh.KnownHosts;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Tests.Server.Support;

namespace Vty.Ssh.Tests.Client;

/// <summary>
/// Hostile servers (our own SshServer with a chosen host key) against a real known_hosts file: a
/// changed key, a key of another type and a revoked key under each host key policy. The server
/// records every password and keyboard-interactive attempt, so the tests prove no secret reached it.
/// </summary>
public sealed class HostKeyPolicyTests
{
    /// <summary>Our server presenting only one host key type, recording credential attempts.</summary>
    private sealed class RecordingServer : IAsyncDisposable
    {
        private int _passwords;
        private int _keyboardInteractive;

        private RecordingServer(TestServer server) => Server = server;

        public TestServer Server { get; }
        public int Port => Server.Port;
        public int PasswordAttempts => Volatile.Read(ref _passwords);
        public int KeyboardInteractiveAttempts => Volatile.Read(ref _keyboardInteractive);
        public SshPublicKey HostKey => Server.HostKeys.Single(k => k.KeyType == HostKeyType).PublicKey;
        public string HostKeyType { get; private init; } = "";
        public string KnownHostsPath => Server.KnownHostsPath;
        public string HostName => $"[127.0.0.1]:{Port}";

        public static async Task<RecordingServer> StartAsync(string hostKeyType)
        {
            RecordingServer? self = null;
            TestServer server = await TestServer.StartAsync(o =>
            {
                o.HostKeys = o.HostKeys.Where(k => k.KeyType == hostKeyType).ToList();
                o.Authentication.Password = (r, _) =>
                {
                    Interlocked.Increment(ref self!._passwords);
                    return ValueTask.FromResult(r.Password == TestServer.Password ? SshAuthDecision.Success : SshAuthDecision.Failure);
                };
                o.Authentication.KeyboardInteractive = (_, _) =>
                {
                    Interlocked.Increment(ref self!._keyboardInteractive);
                    return ValueTask.FromResult(SshAuthDecision.Failure);
                };
            });
            self = new RecordingServer(server) { HostKeyType = hostKeyType };
            return self;
        }

        public void WriteKnownHosts(params string[] lines) => File.WriteAllText(KnownHostsPath, string.Join("\n", lines) + "\n");

        public SshClientOptions Client(HostKeyPolicy policy, List<SshHostKeyNotice>? notices = null) => new()
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = TestServer.User,
            Password = TestServer.Password,
            KnownHostsPath = KnownHostsPath,
            HostKeyPolicy = policy,
            HostKeyCallback = policy == HostKeyPolicy.Callback ? (_, _) => ValueTask.FromResult(true) : null,
            HostKeyNotice = notices is null ? null : n => { lock (notices) notices.Add(n); },
            ConnectTimeout = TimeSpan.FromSeconds(20),
        };

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    private static SshPublicKey OtherKey(string type) => SshPrivateKey.Generate(type).PublicKey;

    public static TheoryData<HostKeyPolicy> AllPolicies =>
        new(HostKeyPolicy.Strict, HostKeyPolicy.AcceptNew, HostKeyPolicy.AcceptAny, HostKeyPolicy.Callback, HostKeyPolicy.Off);

    [Theory]
    [MemberData(nameof(AllPolicies))]
    public async Task A_revoked_key_is_refused_under_every_policy_before_any_password(HostKeyPolicy policy)
    {
        await using var server = await RecordingServer.StartAsync("ssh-ed25519");
        server.WriteKnownHosts("# revoked after the key leaked", "@revoked " + server.HostName + " " + server.HostKey.ToOpenSshLine());
        SshClientOptions options = server.Client(policy);
        bool asked = false;
        if (policy == HostKeyPolicy.Callback)
            options.HostKeyCallback = (_, _) => { asked = true; return ValueTask.FromResult(true); };

        var e = await Assert.ThrowsAsync<SshHostKeyMismatchException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));

        Assert.True(e.IsRevoked);
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("@revoked", e.Message);
        Assert.False(asked, "the callback must never be asked to trust a revoked key");
        Assert.Equal(0, server.PasswordAttempts);
        Assert.Equal(0, server.KeyboardInteractiveAttempts);
    }

    public static TheoryData<HostKeyPolicy> RefusingPolicies => new(HostKeyPolicy.Strict, HostKeyPolicy.AcceptNew);

    [Theory]
    [MemberData(nameof(RefusingPolicies))]
    public async Task A_changed_key_of_the_same_type_is_refused_before_any_password(HostKeyPolicy policy)
    {
        await using var server = await RecordingServer.StartAsync("ssh-ed25519");
        SshPublicKey recorded = OtherKey("ssh-ed25519");
        server.WriteKnownHosts(server.HostName + " " + recorded.ToOpenSshLine());
        string before = await File.ReadAllTextAsync(server.KnownHostsPath);

        var e = await Assert.ThrowsAsync<SshHostKeyMismatchException>(() => SshClient.ConnectAsync(server.Client(policy), TestTimeouts.ShortToken()));

        Assert.False(e.IsRevoked);
        Assert.Equal(recorded.Sha256Fingerprint, e.KnownFingerprint);
        Assert.Equal(server.HostKey.Sha256Fingerprint, e.PresentedFingerprint);
        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", e.Message);
        Assert.Equal(before, await File.ReadAllTextAsync(server.KnownHostsPath));
        Assert.Equal(0, server.PasswordAttempts);
        Assert.Equal(0, server.KeyboardInteractiveAttempts);
    }

    [Theory]
    [MemberData(nameof(RefusingPolicies))]
    public async Task A_key_type_switch_is_a_changed_host_naming_the_known_types_fingerprints_file_and_line(HostKeyPolicy policy)
    {
        // known_hosts knows the host by its ed25519 key; the "server" now shows only an ECDSA key.
        await using var server = await RecordingServer.StartAsync("ecdsa-sha2-nistp256");
        SshPublicKey recorded = OtherKey("ssh-ed25519");
        server.WriteKnownHosts("# lab router", server.HostName + " " + recorded.ToOpenSshLine());
        string before = await File.ReadAllTextAsync(server.KnownHostsPath);

        var e = await Assert.ThrowsAsync<SshHostKeyMismatchException>(() => SshClient.ConnectAsync(server.Client(policy), TestTimeouts.ShortToken()));

        Assert.Equal("ecdsa-sha2-nistp256", e.PresentedKeyType);
        KnownHostsEntry known = Assert.Single(e.KnownKeys);
        Assert.Equal(2, known.LineNumber);
        Assert.Equal(2, e.LineNumber);
        Assert.Equal(recorded.Sha256Fingerprint, e.KnownFingerprint);
        Assert.Equal(server.KnownHostsPath, e.KnownHostsPath);
        Assert.Contains("ED25519 " + recorded.Sha256Fingerprint + " (line 2)", e.Message);
        Assert.Contains(server.KnownHostsPath, e.Message);
        Assert.Contains("ECDSA key " + server.HostKey.Sha256Fingerprint, e.Message);
        // The attacker's key was not appended, and no secret left the client.
        Assert.Equal(before, await File.ReadAllTextAsync(server.KnownHostsPath));
        Assert.Equal(0, server.PasswordAttempts);
        Assert.Equal(0, server.KeyboardInteractiveAttempts);
    }

    [Fact]
    public async Task The_callback_sees_a_key_type_switch_as_changed_and_can_refuse_it()
    {
        await using var server = await RecordingServer.StartAsync("ecdsa-sha2-nistp256");
        server.WriteKnownHosts(server.HostName + " " + OtherKey("ssh-ed25519").ToOpenSshLine());
        SshClientOptions options = server.Client(HostKeyPolicy.Callback);
        SshHostKeyCheck? seen = null;
        options.HostKeyCallback = (check, _) => { seen = check; return ValueTask.FromResult(false); };

        await Assert.ThrowsAsync<SshHostKeyRejectedException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));

        Assert.Equal(KnownHostsStatus.Changed, seen?.Status);
        Assert.Equal(1, seen?.LineNumber);
        Assert.Equal(0, server.PasswordAttempts);
    }

    [Theory]
    [InlineData("ssh-ed25519", "ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp256", "ssh-ed25519")]
    public async Task AcceptAny_goes_on_after_a_changed_key_but_sends_no_password(string serverType, string recordedType)
    {
        await using var server = await RecordingServer.StartAsync(serverType);
        server.WriteKnownHosts(server.HostName + " " + OtherKey(recordedType).ToOpenSshLine());
        string before = await File.ReadAllTextAsync(server.KnownHostsPath);
        var notices = new List<SshHostKeyNotice>();
        SshClientOptions options = server.Client(HostKeyPolicy.AcceptAny, notices);
        options.KeyboardInteractive = (_, _) => ValueTask.FromResult(new[] { TestServer.Password });

        var e = await Assert.ThrowsAsync<SshAuthenticationException>(() => SshClient.ConnectAsync(options, TestTimeouts.ShortToken()));

        Assert.Contains("not attempted", e.Message);
        Assert.Contains("host key", e.Message);
        Assert.Equal(0, server.PasswordAttempts);
        Assert.Equal(0, server.KeyboardInteractiveAttempts);
        SshHostKeyNotice notice = Assert.Single(notices);
        Assert.Equal(SshHostKeyNoticeKind.ChangedAccepted, notice.Kind);
        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", notice.Message);
        Assert.Contains(server.HostKey.Sha256Fingerprint, notice.Message);
        // OpenSSH does not record a changed key under StrictHostKeyChecking=no either.
        Assert.Equal(before, await File.ReadAllTextAsync(server.KnownHostsPath));
    }

    [Fact]
    public async Task AcceptAny_after_a_changed_key_still_logs_in_with_a_public_key()
    {
        await using var server = await RecordingServer.StartAsync("ssh-ed25519");
        server.WriteKnownHosts(server.HostName + " " + OtherKey("ssh-ed25519").ToOpenSshLine());
        using SshPrivateKey userKey = SshPrivateKey.Generate("ssh-ed25519");
        await File.WriteAllTextAsync(server.Server.AuthorizedKeysPath, userKey.PublicKey.ToOpenSshLine() + "\n");
        SshClientOptions options = server.Client(HostKeyPolicy.AcceptAny);
        options.PrivateKeys.Add(userKey);

        await using SshClient client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        SshExecResult result = await client.ExecuteAsync("echo via key", TestTimeouts.ShortToken());

        Assert.Equal("via key\n", Encoding.UTF8.GetString(result.StandardOutput));
        Assert.Equal(0, server.PasswordAttempts);
    }

    [Fact]
    public async Task AcceptNew_stores_an_unknown_key_and_says_so_in_OpenSSHs_words()
    {
        await using var server = await RecordingServer.StartAsync("ssh-ed25519");
        var notices = new List<SshHostKeyNotice>();
        var log = new TestLog();
        SshClientOptions options = server.Client(HostKeyPolicy.AcceptNew, notices);
        options.Logger = log;

        await using (await SshClient.ConnectAsync(options, TestTimeouts.ShortToken())) { }

        SshHostKeyNotice notice = Assert.Single(notices);
        Assert.Equal(SshHostKeyNoticeKind.Added, notice.Kind);
        Assert.Equal($"Warning: Permanently added '[127.0.0.1]:{server.Port}' (ED25519) to the list of known hosts.", notice.Message);
        Assert.Equal(server.HostKey, notice.HostKey);
        await log.WaitForAsync(TimeSpan.FromSeconds(1), "Warning", $"Permanently added '[127.0.0.1]:{server.Port}' (ED25519)", server.HostKey.Sha256Fingerprint);
        Assert.Equal(KnownHostsStatus.Known, KnownHostsFile.Load(server.KnownHostsPath).Lookup("127.0.0.1", server.Port, server.HostKey).Status);
        Assert.Equal(1, server.PasswordAttempts);

        // Known now: no second notice.
        await using (await SshClient.ConnectAsync(options, TestTimeouts.ShortToken())) { }
        Assert.Single(notices);
    }

    [Fact]
    public async Task The_client_offers_the_known_key_type_first_so_a_multi_key_server_shows_it()
    {
        // Our server holds ed25519, ECDSA and RSA keys and would pick ed25519 by default; known_hosts has only its RSA key.
        await using TestServer server = await TestServer.StartAsync();
        SshPublicKey rsa = server.HostKeys.Single(k => k.KeyType == "ssh-rsa").PublicKey;
        await File.WriteAllTextAsync(server.KnownHostsPath, $"[127.0.0.1]:{server.Port} {rsa.ToOpenSshLine()}\n");
        var options = new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Username = TestServer.User,
            Password = TestServer.Password,
            KnownHostsPath = server.KnownHostsPath,
            HostKeyPolicy = HostKeyPolicy.Strict,
        };

        await using SshClient client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());

        Assert.Equal(rsa, client.ServerHostKey);
        Assert.Equal("rsa-sha2-512", client.Algorithms.HostKey);
    }

    [Fact]
    public async Task Off_ignores_a_changed_key_but_not_a_revoked_one()
    {
        await using var server = await RecordingServer.StartAsync("ssh-ed25519");
        server.WriteKnownHosts(server.HostName + " " + OtherKey("ssh-ed25519").ToOpenSshLine());
        await using (await SshClient.ConnectAsync(server.Client(HostKeyPolicy.Off), TestTimeouts.ShortToken())) { }
        Assert.Equal(1, server.PasswordAttempts);
        Assert.Single(KnownHostsFile.Load(server.KnownHostsPath).Entries);
    }
}
