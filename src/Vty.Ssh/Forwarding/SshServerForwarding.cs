using System.Net;
using System.Net.Sockets;
using Vty.Ssh.Server.Channels;

namespace Vty.Ssh.Server;

/// <summary>Ready-made forwarding policies for <see cref="SshServerOptions"/> (forwarding is off unless one is set).</summary>
public static class SshServerForwarding
{
    /// <summary>
    /// A <see cref="SshServerOptions.DirectTcpipHandler"/> that connects to the requested host and
    /// port over TCP (OpenSSH AllowTcpForwarding local), optionally only where <paramref name="allow"/> says yes.
    /// </summary>
    public static Func<SshDirectTcpipRequest, CancellationToken, ValueTask<Stream?>> ConnectTcp(Func<SshDirectTcpipRequest, bool>? allow = null) =>
        async (request, ct) =>
        {
            if (allow != null && !allow(request)) return null;
            IPAddress[] addresses = IPAddress.TryParse(request.Host, out IPAddress? literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(request.Host, ct).ConfigureAwait(false);
            if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
            var socket = new Socket(addresses[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                await socket.ConnectAsync(new IPEndPoint(addresses[0], request.Port), timeout.Token).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    /// <summary>A <see cref="SshServerOptions.TcpipForwardHandler"/> that allows every remote forward (on loopback; OpenSSH AllowTcpForwarding remote, GatewayPorts no).</summary>
    public static Func<SshTcpipForwardRequest, CancellationToken, ValueTask<bool>> AllowRemote(Func<SshTcpipForwardRequest, bool>? allow = null) =>
        (request, _) => ValueTask.FromResult(allow == null || allow(request));
}
