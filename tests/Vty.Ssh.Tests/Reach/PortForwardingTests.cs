using System.Net;
using System.Net.Sockets;
using System.Text;
using Vty.Ssh.Server;
using Vty.Ssh.Tests.Server.Support;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>Local (-L), remote (-R) and dynamic SOCKS (-D) forwarding against real OpenSSH sshd, curl as the SOCKS client, and our own server.</summary>
public sealed class PortForwardingTests
{
    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);

    [Fact]
    public async Task Local_forward_carries_connections_to_the_target_with_eof_both_ways()
    {
        await using OpenSshServer server = await OpenSshServer.StartAsync();
        await using var echo = new EchoServer();
        using var dir = new TempDirectory("vty-fwd");
        CancellationToken ct = TestTimeouts.LongToken();
        await using SshClient client = await SshClient.ConnectAsync(ReachOptions.Password(server.Port, dir), ct);

        await using SshLocalForward forward = client.ForwardLocalPort(AnyLoopbackPort, "127.0.0.1", echo.Port);
        string big = new('x', 300_000);
        string[] answers = await Task.WhenAll(
            EchoServer.RoundTripAsync(forward.LocalEndPoint.Port, "first", ct),
            EchoServer.RoundTripAsync(forward.LocalEndPoint.Port, big, ct));
        Assert.Equal("first", answers[0]);
        Assert.Equal(big, answers[1]);
        Assert.Equal(2, echo.Accepted);

        await forward.DisposeAsync();
        await Assert.ThrowsAsync<SocketException>(() => EchoServer.RoundTripAsync(forward.LocalEndPoint.Port, "after", ct));
    }

    [Fact]
    public async Task Local_forward_refused_by_sshd_closes_the_local_connection()
    {
        await using OpenSshServer server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["AllowTcpForwarding"] = "no" });
        await using var echo = new EchoServer();
        using var dir = new TempDirectory("vty-fwd");
        CancellationToken ct = TestTimeouts.LongToken();
        await using SshClient client = await SshClient.ConnectAsync(ReachOptions.Password(server.Port, dir), ct);

        await using SshLocalForward forward = client.ForwardLocalPort(AnyLoopbackPort, "127.0.0.1", echo.Port);
        Assert.Equal("", await EchoServer.RoundTripAsync(forward.LocalEndPoint.Port, "denied", ct));
        Assert.Equal(0, echo.Accepted);
        var e = await Assert.ThrowsAsync<SshChannelOpenException>(() => client.OpenDirectTcpipAsync("127.0.0.1", echo.Port, ct));
        Assert.Equal(1u, e.ReasonCode);
    }

    [Fact]
    public async Task Remote_forward_on_a_port_sshd_picks_reaches_a_local_target_until_cancelled()
    {
        await using OpenSshServer server = await OpenSshServer.StartAsync();
        await using var echo = new EchoServer();
        using var dir = new TempDirectory("vty-fwd");
        CancellationToken ct = TestTimeouts.LongToken();
        await using SshClient client = await SshClient.ConnectAsync(ReachOptions.Password(server.Port, dir), ct);

        SshRemoteForward forward = await client.ForwardRemotePortAsync("127.0.0.1", 0, "127.0.0.1", echo.Port, ct);
        Assert.InRange(forward.BoundPort, 1, 65535);
        // The connection is made to sshd's listener: it arrives here as a forwarded-tcpip channel.
        Assert.Equal("from the far side", await EchoServer.RoundTripAsync(forward.BoundPort, "from the far side", ct));
        Assert.Equal(1, echo.Accepted);

        await forward.DisposeAsync();
        await Assert.ThrowsAsync<SocketException>(() => EchoServer.RoundTripAsync(forward.BoundPort, "after", ct));
    }

    [Fact]
    public async Task Remote_forward_refused_by_sshd_is_a_forwarding_error()
    {
        await using OpenSshServer server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["AllowTcpForwarding"] = "local" });
        using var dir = new TempDirectory("vty-fwd");
        CancellationToken ct = TestTimeouts.LongToken();
        await using SshClient client = await SshClient.ConnectAsync(ReachOptions.Password(server.Port, dir), ct);

        var e = await Assert.ThrowsAsync<SshForwardingException>(() => client.ForwardRemotePortAsync("127.0.0.1", 0, "127.0.0.1", 9, ct));
        Assert.Contains("AllowTcpForwarding", e.Message);
    }

    [Theory]
    [InlineData("--socks5-hostname", "localhost")]
    [InlineData("--socks5", "127.0.0.1")]
    [InlineData("--socks4a", "localhost")]
    [InlineData("--socks4", "127.0.0.1")]
    public async Task Dynamic_forward_serves_curl_over_socks(string curlFlag, string targetHost)
    {
        Assert.True(File.Exists("/usr/bin/curl"), "curl is missing: run scripts/install-test-deps.sh");
        await using OpenSshServer server = await OpenSshServer.StartAsync();
        await using var web = new EchoServer(http: true);
        using var dir = new TempDirectory("vty-fwd");
        CancellationToken ct = TestTimeouts.LongToken();
        await using SshClient client = await SshClient.ConnectAsync(ReachOptions.Password(server.Port, dir), ct);
        await using SshDynamicForward socks = client.ForwardDynamicPort(AnyLoopbackPort);

        var (exit, stdout, stderr, _) = await ManagedProcess.RunCapturedAsync("/usr/bin/curl",
            ["-sS", "--max-time", "20", "--noproxy", "", curlFlag, $"127.0.0.1:{socks.LocalEndPoint.Port}", $"http://{targetHost}:{web.Port}/"], null);
        Assert.True(exit == 0, $"curl failed ({exit}): {stderr}");
        Assert.Equal($"hello from {web.Port}", stdout.Trim());
    }

    [Fact]
    public async Task Dynamic_forward_tells_the_socks_client_when_the_server_cannot_connect()
    {
        await using OpenSshServer server = await OpenSshServer.StartAsync();
        using var dir = new TempDirectory("vty-fwd");
        CancellationToken ct = TestTimeouts.LongToken();
        await using SshClient client = await SshClient.ConnectAsync(ReachOptions.Password(server.Port, dir), ct);
        await using SshDynamicForward socks = client.ForwardDynamicPort(AnyLoopbackPort);

        var (exit, _, stderr, _) = await ManagedProcess.RunCapturedAsync("/usr/bin/curl",
            ["-sS", "--max-time", "20", "--noproxy", "", "--socks5", $"127.0.0.1:{socks.LocalEndPoint.Port}", $"http://127.0.0.1:{FreePort.Next()}/"], null);
        Assert.Equal(97, exit); // CURLE_PROXY: the SOCKS server answered with a failure
        Assert.Contains("SOCKS", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Our_server_takes_remote_forwards_from_our_client_and_from_OpenSSH()
    {
        await using TestServer server = await TestServer.StartAsync(o => o.TcpipForwardHandler = SshServerForwarding.AllowRemote());
        await using var echo = new EchoServer();
        CancellationToken ct = TestTimeouts.LongToken();
        var options = new SshClientOptions
        {
            Host = "127.0.0.1", Port = server.Port, Username = TestServer.User, Password = TestServer.Password,
            KnownHostsPath = server.KnownHostsPath,
        };
        await using SshClient client = await SshClient.ConnectAsync(options, ct);
        SshRemoteForward forward = await client.ForwardRemotePortAsync("localhost", 0, "127.0.0.1", echo.Port, ct);
        Assert.Equal("ours both ways", await EchoServer.RoundTripAsync(forward.BoundPort, "ours both ways", ct));
        await forward.DisposeAsync();
        await Assert.ThrowsAsync<SocketException>(() => EchoServer.RoundTripAsync(forward.BoundPort, "after", ct));

        // OpenSSH's client (-N -R) asks for a fixed port and carries the connection to the echo server.
        int remotePort = FreePort.Next();
        await using ManagedProcess ssh = ManagedProcess.Start("/usr/bin/sshpass", ["-p", TestServer.Password, "/usr/bin/ssh", "-F", "/dev/null", "-N",
            "-p", server.Port.ToString(), "-o", "UserKnownHostsFile=" + server.KnownHostsPath, "-o", "StrictHostKeyChecking=accept-new",
            "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no", "-o", "ExitOnForwardFailure=yes",
            "-R", $"{remotePort}:127.0.0.1:{echo.Port}", $"{TestServer.User}@127.0.0.1"]);
        string answer = "";
        for (int attempt = 0; attempt < 200 && answer.Length == 0 && !ssh.HasExited; attempt++)
        {
            try { answer = await EchoServer.RoundTripAsync(remotePort, "openssh -R", ct); }
            catch (SocketException) { await Task.Delay(100, ct); }
        }
        Assert.True(answer == "openssh -R", $"answer '{answer}'; ssh said: {ssh.Output}");
    }

    [Fact]
    public async Task Our_server_refuses_remote_forwards_by_default()
    {
        await using TestServer server = await TestServer.StartAsync();
        CancellationToken ct = TestTimeouts.LongToken();
        var options = new SshClientOptions
        {
            Host = "127.0.0.1", Port = server.Port, Username = TestServer.User, Password = TestServer.Password,
            KnownHostsPath = server.KnownHostsPath,
        };
        await using SshClient client = await SshClient.ConnectAsync(options, ct);
        await Assert.ThrowsAsync<SshForwardingException>(() => client.ForwardRemotePortAsync("", 0, "127.0.0.1", 9, ct));
        await Assert.ThrowsAsync<SshChannelOpenException>(() => client.OpenDirectTcpipAsync("127.0.0.1", 9, ct));
    }
}
