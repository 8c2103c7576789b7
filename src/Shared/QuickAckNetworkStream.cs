using System.Net.Sockets;

namespace Vty.Shared;

/// <summary>
/// A client's TCP stream that asks Linux to acknowledge at once what it receives (TCP_QUICKACK)
/// before every read. Compiled into both Vty.Ssh and Vty.Telnet (linked source).
/// </summary>
/// <remarks>
/// Why: a server that writes two small messages in a row with Nagle's algorithm on (OpenSSH's sshd
/// until a session starts, many network devices always) holds the second until the first is
/// acknowledged, while Linux delays that acknowledgement by up to 40 ms, waiting for a reply to
/// carry it, when the client has nothing to say until the second message comes. Every connection
/// to OpenSSH hit this once: sshd sends its host keys (hostkeys-00@openssh.com) right after the
/// authentication success, and its answer to our channel open then waited 40 ms. The flag is not
/// sticky (the kernel returns to delayed acknowledgements on its own), hence once per read; it
/// costs one system call. Elsewhere than Linux (no such option) the stream is a plain NetworkStream.
/// </remarks>
internal sealed class QuickAckNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    // IPPROTO_TCP and TCP_QUICKACK from <netinet/tcp.h>; .NET has no name for the option.
    private const int IpProtocolTcp = 6;
    private const int TcpQuickAck = 12;
    private static readonly byte[] Enable = BitConverter.GetBytes(1);

    private bool _quickAck = OperatingSystem.IsLinux() && socket.ProtocolType == ProtocolType.Tcp;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        RequestQuickAck();
        return base.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        RequestQuickAck();
        return base.ReadAsync(buffer, offset, count, cancellationToken);
    }

    public override int Read(Span<byte> buffer)
    {
        RequestQuickAck();
        return base.Read(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        RequestQuickAck();
        return base.Read(buffer, offset, count);
    }

    private void RequestQuickAck()
    {
        if (!_quickAck) return;
        try
        {
            Socket.SetRawSocketOption(IpProtocolTcp, TcpQuickAck, Enable);
        }
        catch (SocketException)
        {
            // A kernel without the option (or a socket that is already shut down): reads work as before.
            _quickAck = false;
        }
        catch (ObjectDisposedException)
        {
            _quickAck = false;
        }
    }
}
