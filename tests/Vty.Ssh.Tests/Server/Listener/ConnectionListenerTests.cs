using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Listener;

namespace Vty.Ssh.Tests.Server.Listener;

public sealed class ConnectionListenerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Port_zero_exposes_the_real_port_and_connections_over_the_limit_are_closed()
    {
        var release = new TaskCompletionSource();
        int handled = 0;
        await using var listener = new ConnectionListener(new IPEndPoint(IPAddress.Loopback, 0), async (socket, _, ct) =>
        {
            Interlocked.Increment(ref handled);
            await socket.SendAsync("hi"u8.ToArray(), SocketFlags.None, ct);
            await release.Task.WaitAsync(ct);
        }, maxConnections: 2, SshMaxStartups.Unlimited, backlog: 16, NullLogger.Instance);
        listener.Start();
        Assert.NotEqual(0, listener.LocalEndPoint.Port);

        var clients = new List<TcpClient>();
        for (int i = 0; i < 2; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, listener.LocalEndPoint.Port).WaitAsync(Timeout);
            var buffer = new byte[2];
            Assert.Equal(2, await client.GetStream().ReadAtLeastAsync(buffer, 2).AsTask().WaitAsync(Timeout));
            clients.Add(client);
        }
        using var extra = new TcpClient();
        await extra.ConnectAsync(IPAddress.Loopback, listener.LocalEndPoint.Port).WaitAsync(Timeout);
        int read;
        try
        {
            read = await extra.GetStream().ReadAsync(new byte[2]).AsTask().WaitAsync(Timeout);
        }
        catch (IOException)
        {
            read = 0; // a reset also means "closed"
        }
        Assert.Equal(0, read);
        Assert.Equal(2, Volatile.Read(ref handled));
        Assert.Equal(2, listener.ActiveConnections);

        release.SetResult();
        foreach (TcpClient client in clients) client.Dispose();
    }

    [Fact]
    public async Task Stopping_signals_handlers_and_waits_for_them()
    {
        var started = new TaskCompletionSource();
        var sawStop = new TaskCompletionSource();
        var listener = new ConnectionListener(new IPEndPoint(IPAddress.Loopback, 0), async (socket, _, ct) =>
        {
            started.TrySetResult();
            try { await Task.Delay(System.Threading.Timeout.Infinite, ct); }
            catch (OperationCanceledException) { sawStop.TrySetResult(); }
        }, maxConnections: 10, SshMaxStartups.Unlimited, backlog: 16, NullLogger.Instance);
        listener.Start();
        int port = listener.LocalEndPoint.Port;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
        await started.Task.WaitAsync(Timeout);

        await listener.StopAsync(TimeSpan.FromSeconds(5)).WaitAsync(Timeout);

        Assert.True(sawStop.Task.IsCompletedSuccessfully);
        Assert.Equal(0, listener.ActiveConnections);
        using var late = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => late.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout));
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task MaxStartups_drops_new_connections_while_others_have_not_authenticated_and_counts_logins_out()
    {
        // "2": drop everything from two unauthenticated connections on (rate 100 %), so the
        // outcome is certain rather than random.
        var authenticate = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        int handled = 0;
        await using var listener = new ConnectionListener(new IPEndPoint(IPAddress.Loopback, 0), async (socket, authenticated, ct) =>
        {
            int n = Interlocked.Increment(ref handled);
            await socket.SendAsync("hi"u8.ToArray(), SocketFlags.None, ct);
            if (n == 1)
            {
                await authenticate.Task.WaitAsync(ct);
                authenticated();
                authenticated(); // twice must not count twice
            }
            await release.Task.WaitAsync(ct);
        }, maxConnections: 100, SshMaxStartups.Parse("2"), backlog: 16, NullLogger.Instance);
        listener.Start();
        int port = listener.LocalEndPoint.Port;

        var clients = new List<TcpClient>();
        for (int i = 0; i < 2; i++) clients.Add(await ConnectServedAsync(port));
        Assert.Equal(2, listener.UnauthenticatedConnections);
        for (int i = 0; i < 3; i++) Assert.True(await IsClosedAtOnceAsync(port), $"connection {i} past MaxStartups was served");
        Assert.Equal(3, listener.DroppedStartups);

        authenticate.SetResult();
        await WaitUntilAsync(() => listener.UnauthenticatedConnections == 1);
        clients.Add(await ConnectServedAsync(port));
        Assert.Equal(2, listener.UnauthenticatedConnections);
        Assert.True(await IsClosedAtOnceAsync(port));

        release.SetResult();
        foreach (TcpClient client in clients) client.Dispose();
        await WaitUntilAsync(() => listener.ActiveConnections == 0);
        Assert.Equal(0, listener.UnauthenticatedConnections);
    }

    private static async Task<TcpClient> ConnectServedAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
        var buffer = new byte[2];
        Assert.Equal(2, await client.GetStream().ReadAtLeastAsync(buffer, 2).AsTask().WaitAsync(Timeout));
        return client;
    }

    private static async Task<bool> IsClosedAtOnceAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
        try
        {
            return await client.GetStream().ReadAsync(new byte[2]).AsTask().WaitAsync(Timeout) == 0;
        }
        catch (IOException)
        {
            return true; // a reset also means "closed"
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition()) await Task.Delay(20, cts.Token);
    }
}
