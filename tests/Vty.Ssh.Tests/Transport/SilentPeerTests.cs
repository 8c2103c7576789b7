using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Transport;

/// <summary>A server that goes silent after login: keepalives notice it, operations time out, nothing hangs.</summary>
public sealed class SilentPeerTests
{
    private static SshClientOptions Options(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SshTestUser.Name,
        Password = SshTestUser.Password,
        HostKeyPolicy = HostKeyPolicy.Off,
    };

    [Fact]
    public async Task UnansweredKeepalivesDropTheConnection()
    {
        await using var sshd = await OpenSshServer.StartAsync();
        await using var proxy = new PausableProxy(sshd.Port);
        SshClientOptions options = Options(proxy.Port);
        options.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        proxy.Pause();
        var e = await Assert.ThrowsAsync<SshDisconnectedException>(() => client.Completion.WaitAsync(TestTimeouts.ShortToken()));
        Assert.Contains("keepalive", e.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ChannelOpenTimesOutWithTheOperationTimeout()
    {
        await using var sshd = await OpenSshServer.StartAsync();
        await using var proxy = new PausableProxy(sshd.Port);
        SshClientOptions options = Options(proxy.Port);
        options.OperationTimeout = TimeSpan.FromMilliseconds(500);
        await using var client = await SshClient.ConnectAsync(options, TestTimeouts.ShortToken());
        proxy.Pause();
        var e = await Assert.ThrowsAsync<SshTimeoutException>(() => client.StartExecAsync("true", TestTimeouts.ShortToken()));
        Assert.Contains("opening a session channel", e.Message);
    }

    [Fact]
    public async Task CallerCancellationStopsAStalledRead()
    {
        await using var sshd = await OpenSshServer.StartAsync();
        await using var client = await SshClient.ConnectAsync(Options(sshd.Port), TestTimeouts.ShortToken());
        await using SshExecSession session = await client.StartExecAsync("cat", TestTimeouts.ShortToken());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => _ = await session.StandardOutput.ReadAsync(new byte[16], cts.Token));
        Assert.True(client.IsConnected);
    }
}
