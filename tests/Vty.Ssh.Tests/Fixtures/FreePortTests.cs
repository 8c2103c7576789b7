using System.Net;
using System.Net.Sockets;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Fixtures;

/// <summary>Test servers in parallel test processes must never be handed the same port.</summary>
public sealed class FreePortTests
{
    [Fact]
    public void Ports_are_unique_bindable_and_outside_the_kernels_ephemeral_range()
    {
        int ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
            .Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]);
        int[] ports = [.. Enumerable.Range(0, 50).Select(_ => FreePort.Next())];

        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, 1024, ephemeralStart - 1));
        using var listener = new TcpListener(IPAddress.Loopback, ports[0]);
        listener.Start();
    }

    [Fact]
    public void A_claimed_port_cannot_be_claimed_again_while_this_process_lives()
    {
        int port = FreePort.Next();

        string claim = Path.Combine(Path.GetTempPath(), "vty-test-ports", $"{port}.lock");
        Assert.Throws<IOException>(() => new FileStream(claim, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None).Dispose());
    }
}
