using System.Security.Cryptography;
using System.Text;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>Session channels against sshd: shell with pty, window-change, env, subsystem, signals, stdin, many channels.</summary>
public sealed class ChannelTests(ChannelTests.Server fixture) : IClassFixture<ChannelTests.Server>
{
    /// <summary>One sshd for these tests.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public OpenSshServer Sshd { get; private set; } = null!;
        public Task InitializeAsync() => Task.Run(async () => Sshd = await OpenSshServer.StartAsync());
        public async Task DisposeAsync() => await Sshd.DisposeAsync();
    }

    private async Task<SshClient> ConnectAsync(Action<SshClientOptions>? configure = null)
    {
        using var dir = new TempDirectory();
        SshClientOptions options = ClientOptionsFactory.ForPassword(fixture.Sshd.Port, dir);
        options.HostKeyPolicy = HostKeyPolicy.Off;
        configure?.Invoke(options);
        return await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
    }

    private static async Task<string> ReadUntilAsync(Stream stream, string marker, CancellationToken ct)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer, ct);
            if (n == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return text.ToString();
    }

    [Fact]
    public async Task ShellOnPtyReportsSizeAndFollowsWindowChange()
    {
        await using SshClient client = await ConnectAsync();
        CancellationToken ct = TestTimeouts.ShortToken();
        await using SshShell shell = await client.OpenShellAsync(new SshPtyOptions("xterm", 100, 30), ct);
        await shell.Stream.WriteAsync(Encoding.ASCII.GetBytes("stty size; echo size-$TERM-done\n"), ct);
        string first = await ReadUntilAsync(shell.Stream, "size-xterm-done", ct);
        Assert.Contains("30 100", first);
        await shell.ResizeAsync(132, 43, ct);
        // The marker is computed by the shell so that the pty's echo of the command line cannot match it.
        await shell.Stream.WriteAsync(Encoding.ASCII.GetBytes("stty size; echo resized-$((40+3))-done; exit 5\n"), ct);
        string second = await ReadUntilAsync(shell.Stream, "resized-43-done", ct);
        Assert.Contains("43 132", second);
        await shell.Closed.WaitAsync(ct);
        Assert.Equal(5, shell.ExitStatus);
    }

    [Fact]
    public async Task EnvironmentIsPassedWhenTheServerAcceptsIt()
    {
        await using SshClient client = await ConnectAsync();
        CancellationToken ct = TestTimeouts.ShortToken();
        await using SshExecSession session = await client.StartExecAsync("echo \"$VTY_TEST_VALUE\"",
            new Dictionary<string, string> { ["VTY_TEST_VALUE"] = "from-env" }, ct);
        await session.CloseInputAsync(ct);
        var output = new MemoryStream();
        await session.StandardOutput.CopyToAsync(output, ct);
        Assert.Equal("from-env\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task SubsystemStreamsBothWays()
    {
        await using SshClient client = await ConnectAsync();
        CancellationToken ct = TestTimeouts.ShortToken();
        await using SshExecSession session = await client.StartSubsystemAsync("vtyecho", ct);
        await session.StandardInput.WriteAsync(Encoding.ASCII.GetBytes("ping through subsystem"), ct);
        await session.CloseInputAsync(ct);
        var output = new MemoryStream();
        await session.StandardOutput.CopyToAsync(output, ct);
        Assert.Equal("ping through subsystem", Encoding.ASCII.GetString(output.ToArray()));
    }

    [Fact]
    public async Task UnknownSubsystemIsRefused()
    {
        await using SshClient client = await ConnectAsync();
        await Assert.ThrowsAsync<SshException>(() => client.StartSubsystemAsync("no-such-subsystem", TestTimeouts.ShortToken()));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ExitSignalIsReported()
    {
        await using SshClient client = await ConnectAsync();
        SshExecResult result = await client.ExecuteAsync("kill -TERM $$", TestTimeouts.ShortToken());
        Assert.Null(result.ExitStatus);
        Assert.Equal("TERM", result.ExitSignal);
    }

    [Fact]
    public async Task StdinIsDeliveredAndEofEndsTheCommand()
    {
        await using SshClient client = await ConnectAsync();
        CancellationToken ct = TestTimeouts.LongToken();
        byte[] data = new byte[5_000_000];
        new Random(42).NextBytes(data);
        await using SshExecSession session = await client.StartExecAsync("sha256sum", ct);
        Task write = Task.Run(async () =>
        {
            await session.StandardInput.WriteAsync(data, ct);
            await session.CloseInputAsync(ct);
        }, ct);
        var output = new MemoryStream();
        await session.StandardOutput.CopyToAsync(output, ct);
        await write;
        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(data)), Encoding.ASCII.GetString(output.ToArray()));
        Assert.Equal(0, await session.WaitForExitAsync(ct));
    }

    [Fact]
    public async Task TwentyChannelsAtOnceOnOneConnection()
    {
        await using SshClient client = await ConnectAsync();
        CancellationToken ct = TestTimeouts.LongToken();
        var runs = Enumerable.Range(0, 20).Select(i =>
            client.ExecuteAsync($"sleep 0.2; head -c {100_000 + i} /dev/zero | tr '\\0' 'x'; echo; echo channel-{i}", ct)).ToArray();
        SshExecResult[] results = await Task.WhenAll(runs);
        for (int i = 0; i < results.Length; i++)
        {
            string text = Encoding.ASCII.GetString(results[i].StandardOutput);
            Assert.EndsWith($"\nchannel-{i}\n", text);
            Assert.Equal(100_000 + i, text.Count(c => c == 'x'));
            Assert.Equal(0, results[i].ExitStatus);
        }
    }

    [Fact]
    public async Task SlowReaderIsThrottledByTheWindowNotBuffered()
    {
        await using SshClient client = await ConnectAsync();
        CancellationToken ct = TestTimeouts.LongToken();
        await using SshExecSession session = await client.StartExecAsync("head -c 20000000 /dev/zero", ct);
        await Task.Delay(500, ct);
        // The command tries to write 20 MB at once; no more than one window may wait in our buffers.
        Assert.InRange(session.Channel.BufferedBytes, 1, (int)Vty.Ssh.Connection.SshConnection.DefaultWindowSize);
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = await session.StandardOutput.ReadAsync(buffer, ct)) > 0) total += n;
        Assert.Equal(20_000_000, total);
    }

    [Fact]
    public async Task KeepAliveKeepsTheConnectionUsable()
    {
        // Two keepalives go out and are answered; each may take 3 intervals (1.5 s) to be
        // answered, which a loaded CI machine needs (100 ms intervals timed out under load).
        await using SshClient client = await ConnectAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500));
        await Task.Delay(1200);
        SshExecResult result = await client.ExecuteAsync("echo alive", TestTimeouts.ShortToken());
        Assert.Equal("alive\n", Encoding.ASCII.GetString(result.StandardOutput));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ExplicitRekeyKeepsChannelsWorking()
    {
        await using SshClient client = await ConnectAsync();
        CancellationToken ct = TestTimeouts.ShortToken();
        await client.Transport.RekeyAsync(ct);
        Assert.Equal(2, client.KeyExchangeCount);
        SshExecResult result = await client.ExecuteAsync("echo after-rekey", ct);
        Assert.Equal("after-rekey\n", Encoding.ASCII.GetString(result.StandardOutput));
    }
}
