using System.Security.Cryptography;
using System.Text;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Server;
using Vty.Ssh.Tests.Server.Support;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Server.Loopback;

/// <summary>One server with every algorithm (legacy included, plus a DSA host key) for the Vty client tests.</summary>
public sealed class LegacyServerFixture : IAsyncLifetime
{
    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SshPrivateKey dsa = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("dsa"));
        Server = await TestServer.StartAsync(o =>
        {
            o.Legacy = true;
            o.HostKeys.Add(dsa);
            o.MaxConnections = 2000;
            o.MaxStartups = SshMaxStartups.Unlimited;
            // 500 handshakes at once on a shared 2-core machine under a full test run took more than 20 s.
            o.HandshakeTimeout = TimeSpan.FromSeconds(90);
        });
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Our SSH client against our SSH server over loopback: every algorithm, bulk data both ways, many sessions at once.</summary>
public sealed class VtyClientAgainstServerTests(LegacyServerFixture fixture) : IClassFixture<LegacyServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private TestServer Server => fixture.Server;

    private SshClientOptions Options(Action<SshClientOptions>? configure = null)
    {
        var options = new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = Server.Port,
            Username = TestServer.User,
            Password = TestServer.Password,
            HostKeyPolicy = HostKeyPolicy.Off,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return options;
    }

    private async Task AssertExecAsync(Action<SshClientOptions> configure)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using SshClient client = await SshClient.ConnectAsync(Options(configure), cts.Token);
        SshExecResult result = await client.ExecuteAsync("echo round trip", cts.Token);
        Assert.Equal("round trip\n", Encoding.UTF8.GetString(result.StandardOutput));
        Assert.Equal(0, result.ExitStatus);
    }

    public static TheoryData<string> Kex => new([.. SshAlgorithms.DefaultKex, .. SshAlgorithms.LegacyKex]);
    public static TheoryData<string> HostKeys => new([.. SshAlgorithms.DefaultHostKey.Where(a => a is not ("ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521")), .. SshAlgorithms.LegacyHostKey]);
    public static TheoryData<string> Ciphers => new([.. SshAlgorithms.DefaultCiphers, .. SshAlgorithms.LegacyCiphers]);
    public static TheoryData<string> Macs => new([.. SshAlgorithms.DefaultMacs, .. SshAlgorithms.LegacyMacs]);

    [Theory]
    [MemberData(nameof(Kex))]
    public Task Every_kex(string kex) => AssertExecAsync(o => o.KexAlgorithms = [kex]);

    [Theory]
    [MemberData(nameof(HostKeys))]
    public Task Every_host_key(string hostKey) => AssertExecAsync(o => o.HostKeyAlgorithms = [hostKey]);

    [Theory]
    [MemberData(nameof(Ciphers))]
    public Task Every_cipher(string cipher) => AssertExecAsync(o => o.Ciphers = [cipher]);

    [Theory]
    [MemberData(nameof(Macs))]
    public Task Every_mac(string mac) => AssertExecAsync(o => { o.Ciphers = ["aes128-ctr"]; o.Macs = [mac]; });

    [Fact]
    public async Task Sixty_four_megabytes_each_way_arrive_intact()
    {
        const int Size = 64 * 1024 * 1024;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using SshClient client = await SshClient.ConnectAsync(Options(), cts.Token);

        // Upload: the server hashes what it receives.
        byte[] block = RandomNumberGenerator.GetBytes(1024 * 1024);
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (SshExecSession upload = await client.StartExecAsync("sha256", cts.Token))
        {
            for (int sent = 0; sent < Size; sent += block.Length)
            {
                block[0] = (byte)(sent >> 20); // make blocks differ
                expected.AppendData(block);
                await upload.StandardInput.WriteAsync(block, cts.Token);
            }
            await upload.CloseInputAsync(cts.Token);
            string reply = (await new StreamReader(upload.StandardOutput).ReadToEndAsync(cts.Token)).Trim();
            Assert.Equal($"{Convert.ToHexStringLower(expected.GetHashAndReset())} {Size}", reply);
            Assert.Equal(0, await upload.WaitForExitAsync(cts.Token));
        }

        // Download: the server sends a known pattern.
        await using (SshExecSession download = await client.StartExecAsync($"generate {Size}", cts.Token))
        {
            await download.CloseInputAsync(cts.Token);
            using var actual = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = new byte[256 * 1024];
            long received = 0;
            int n;
            while ((n = await download.StandardOutput.ReadAsync(buffer, cts.Token)) > 0)
            {
                actual.AppendData(buffer, 0, n);
                received += n;
            }
            byte[] pattern = TestSessionHandler.Generated(64 * 1024);
            using var reference = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (int i = 0; i < Size / pattern.Length; i++) reference.AppendData(pattern);
            Assert.Equal(Size, received);
            Assert.Equal(reference.GetHashAndReset(), actual.GetHashAndReset());
        }
    }

    [Fact]
    public async Task Five_hundred_concurrent_sessions_from_one_process()
    {
        const int Sessions = 500;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var clients = new SshClient[Sessions];
        try
        {
            // All connected at the same time, then all used, then all closed.
            await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async i =>
                clients[i] = await SshClient.ConnectAsync(Options(o => o.KexAlgorithms = ["curve25519-sha256"]), cts.Token)));
            Assert.True(Server.Server.ActiveConnections >= Sessions, $"only {Server.Server.ActiveConnections} connections open");
            SshExecResult[] results = await Task.WhenAll(clients.Select((c, i) => c.ExecuteAsync($"echo session {i}", cts.Token)));
            for (int i = 0; i < Sessions; i++)
                Assert.Equal($"session {i}\n", Encoding.UTF8.GetString(results[i].StandardOutput));
        }
        finally
        {
            await Task.WhenAll(clients.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Shell_with_pty_resize_and_environment()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using SshClient client = await SshClient.ConnectAsync(Options(), cts.Token);
        await using SshShell shell = await client.OpenShellAsync(new SshPtyOptions("vt220", 100, 30), cts.Token);
        var reader = new StreamReader(shell.Stream);
        char[] buffer = new char[4096];
        var seen = new StringBuilder();
        async Task ReadUntilAsync(string text)
        {
            while (!seen.ToString().Contains(text, StringComparison.Ordinal))
            {
                int n = await reader.ReadAsync(buffer.AsMemory(), cts.Token);
                Assert.True(n > 0, $"shell ended before '{text}': {seen}");
                seen.Append(buffer, 0, n);
            }
        }
        await ReadUntilAsync("$ ");
        Assert.Contains("terminal vt220 100x30", seen.ToString());
        await shell.ResizeAsync(120, 40, cts.Token);
        await shell.Stream.WriteAsync("hello there\r"u8.ToArray(), cts.Token);
        await ReadUntilAsync("you said: hello there");
        await shell.Stream.WriteAsync("exit\r"u8.ToArray(), cts.Token);
        await ReadUntilAsync("bye");
        await shell.Closed.WaitAsync(cts.Token);
        Assert.Equal(0, shell.ExitStatus);
    }
}
