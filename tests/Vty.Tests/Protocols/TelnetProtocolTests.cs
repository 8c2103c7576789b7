using System.Net;
using Vty.Accounts;
using Vty.Lab;
using Vty.Protocols;
using Vty.Telnet;
using Vty.TestSupport.Telnet;

namespace Vty.Tests.Protocols;

/// <summary>TelnetProtocol against the project's Telnet server (serving a lab device) and real telnetds.</summary>
public sealed class TelnetProtocolTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static ProtocolOptions Quick() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        BannerTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task LabDeviceOverTelnet()
    {
        var device = new EmulatedDevice(DeviceProfiles.Get("ios"), new LabDeviceOptions { Hostname = "tel1" });
        var sizes = new List<(int, int)>();
        await using var server = new TelnetServer(new IPEndPoint(IPAddress.Loopback, 0), async (connection, ct) =>
        {
            connection.WindowSizeChanged += (c, r) =>
            {
                lock (sizes)
                    sizes.Add((c, r));
            };
            await device.RunSessionAsync(connection.Stream, new LabSessionStart(), ct);
        });
        server.Start();

        await using var conn = await Protocol.ConnectAsync($"telnet://lab:lab@127.0.0.1:{server.Port}", Quick()).WaitAsync(Limit);
        Assert.IsType<TelnetProtocol>(conn);
        Assert.Equal(server.Port, conn.Port);
        Assert.True(conn.IsAppAuthorized);
        Assert.Equal("ios", conn.Driver.Name);
        Assert.Equal("\r\n", conn.LineEnding);

        var paged = await conn.ExecuteAsync("show running-config").WaitAsync(Limit);
        Assert.Contains("hostname tel1", paged.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--More--", paged.Output, StringComparison.Ordinal);

        await conn.ResizeAsync(132, 50).WaitAsync(Limit);
        var version = await conn.ExecuteAsync("show version").WaitAsync(Limit);
        Assert.StartsWith("Cisco IOS Software", version.Output, StringComparison.Ordinal);
        lock (sizes)
            Assert.Contains((132, 50), sizes);
    }

    [Fact]
    public async Task UnreachableHostIsAConnectionFailure()
    {
        int port = Vty.TestSupport.FreePort.Next();
        var ex = await Assert.ThrowsAsync<ConnectionFailedException>(() => Protocol.ConnectAsync($"telnet://127.0.0.1:{port}", Quick()).WaitAsync(Limit));
        Assert.Equal(port, ex.Port);
        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BusyboxTelnetdWithRealLogin()
    {
        await using var telnetd = await TelnetdFixture.StartBusyboxAsync();
        await using var conn = await Protocol.ConnectAsync($"telnet://127.0.0.1:{telnetd.Port}", Quick()).WaitAsync(Limit);
        await conn.LoginAsync(new Account(TelnetdFixture.User, TelnetdFixture.Password)).WaitAsync(Limit);
        Assert.True(conn.IsAppAuthenticated);
        Assert.Equal("shell", conn.GuessOs());
        var result = await conn.ExecuteAsync("echo vty-$((6*7))").WaitAsync(Limit);
        Assert.Equal("vty-42", result.Output);
        var who = await conn.ExecuteAsync("id -un").WaitAsync(Limit);
        Assert.Equal(TelnetdFixture.User, who.Output);
    }

    [Fact]
    public async Task InetutilsTelnetdRefusesAWrongPassword()
    {
        await using var telnetd = await TelnetdFixture.StartInetutilsAsync();
        await using var conn = await Protocol.ConnectAsync($"telnet://127.0.0.1:{telnetd.Port}", Quick()).WaitAsync(Limit);
        var ex = await Assert.ThrowsAsync<LoginFailedException>(() => conn.LoginAsync(new Account(TelnetdFixture.User, "definitely-wrong")).WaitAsync(Limit));
        Assert.Contains("incorrect", ex.DeviceMessage ?? ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("definitely-wrong", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InetutilsTelnetdWithRealLogin()
    {
        await using var telnetd = await TelnetdFixture.StartInetutilsAsync();
        await using var conn = await Protocol.ConnectAsync(
            $"telnet://{TelnetdFixture.User}:{TelnetdFixture.Password}@127.0.0.1:{telnetd.Port}", Quick()).WaitAsync(Limit);
        Assert.True(conn.IsAppAuthenticated);
        var result = await conn.ExecuteAsync("printf 'a\\nb\\n'").WaitAsync(Limit);
        Assert.Equal(["a", "b"], result.Lines);
    }
}
