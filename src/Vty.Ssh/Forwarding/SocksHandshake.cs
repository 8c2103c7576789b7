using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Vty.Ssh.Forwarding;

/// <summary>
/// The server side of a SOCKS4, SOCKS4a or SOCKS5 CONNECT (RFC 1928, no authentication), as
/// OpenSSH's -D speaks it: read where the client wants to go, then answer granted or refused.
/// Only CONNECT is supported; BIND and UDP ASSOCIATE are refused with the protocol's own codes.
/// </summary>
internal sealed class SocksHandshake
{
    private const int MaxName = 255;

    private readonly Stream _stream;
    private int _version;

    public SocksHandshake(Stream stream) => _stream = stream;

    /// <summary>Reads the greeting and the CONNECT request; returns the destination, or null after refusing (already answered).</summary>
    public async Task<(string Host, int Port)?> ReadRequestAsync(CancellationToken ct)
    {
        byte[] one = new byte[1];
        await _stream.ReadExactlyAsync(one, ct).ConfigureAwait(false);
        _version = one[0];
        return _version switch
        {
            4 => await ReadSocks4Async(ct).ConfigureAwait(false),
            5 => await ReadSocks5Async(ct).ConfigureAwait(false),
            _ => throw new IOException($"not a SOCKS4/5 client (first byte {_version})"),
        };
    }

    /// <summary>Tells the client whether the connection is made.</summary>
    public async Task ReplyAsync(bool granted, CancellationToken ct)
    {
        byte[] reply = _version == 4
            ? [0, granted ? (byte)0x5A : (byte)0x5B, 0, 0, 0, 0, 0, 0]
            : [5, granted ? (byte)0 : (byte)5, 0, 1, 0, 0, 0, 0, 0, 0];
        await _stream.WriteAsync(reply, ct).ConfigureAwait(false);
        await _stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task<(string, int)?> ReadSocks4Async(CancellationToken ct)
    {
        byte[] head = new byte[7];
        await _stream.ReadExactlyAsync(head, ct).ConfigureAwait(false);
        byte command = head[0];
        int port = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(1));
        await ReadNulTerminatedAsync(ct).ConfigureAwait(false); // user id, unused
        string host;
        if (head[3] == 0 && head[4] == 0 && head[5] == 0 && head[6] != 0)
            host = await ReadNulTerminatedAsync(ct).ConfigureAwait(false); // SOCKS4a: the name follows
        else
            host = new IPAddress(head.AsSpan(3, 4)).ToString();
        if (command != 1)
        {
            await ReplyAsync(false, ct).ConfigureAwait(false);
            return null;
        }
        return (host, port);
    }

    private async Task<(string, int)?> ReadSocks5Async(CancellationToken ct)
    {
        byte[] count = new byte[1];
        await _stream.ReadExactlyAsync(count, ct).ConfigureAwait(false);
        byte[] methods = new byte[count[0]];
        await _stream.ReadExactlyAsync(methods, ct).ConfigureAwait(false);
        if (Array.IndexOf(methods, (byte)0) < 0)
        {
            await _stream.WriteAsync(new byte[] { 5, 0xFF }, ct).ConfigureAwait(false); // no acceptable method
            return null;
        }
        await _stream.WriteAsync(new byte[] { 5, 0 }, ct).ConfigureAwait(false);
        byte[] head = new byte[4];
        await _stream.ReadExactlyAsync(head, ct).ConfigureAwait(false);
        if (head[0] != 5) throw new IOException($"SOCKS5 request with version {head[0]}");
        string host;
        switch (head[3])
        {
            case 1:
            {
                byte[] address = new byte[4];
                await _stream.ReadExactlyAsync(address, ct).ConfigureAwait(false);
                host = new IPAddress(address).ToString();
                break;
            }
            case 3:
            {
                byte[] length = new byte[1];
                await _stream.ReadExactlyAsync(length, ct).ConfigureAwait(false);
                byte[] name = new byte[length[0]];
                await _stream.ReadExactlyAsync(name, ct).ConfigureAwait(false);
                host = Encoding.ASCII.GetString(name);
                break;
            }
            case 4:
            {
                byte[] address = new byte[16];
                await _stream.ReadExactlyAsync(address, ct).ConfigureAwait(false);
                host = new IPAddress(address).ToString();
                break;
            }
            default:
                await _stream.WriteAsync(new byte[] { 5, 8, 0, 1, 0, 0, 0, 0, 0, 0 }, ct).ConfigureAwait(false); // address type not supported
                return null;
        }
        byte[] portBytes = new byte[2];
        await _stream.ReadExactlyAsync(portBytes, ct).ConfigureAwait(false);
        if (head[1] != 1)
        {
            await _stream.WriteAsync(new byte[] { 5, 7, 0, 1, 0, 0, 0, 0, 0, 0 }, ct).ConfigureAwait(false); // command not supported
            return null;
        }
        return (host, BinaryPrimitives.ReadUInt16BigEndian(portBytes));
    }

    private async Task<string> ReadNulTerminatedAsync(CancellationToken ct)
    {
        var bytes = new List<byte>();
        byte[] one = new byte[1];
        while (true)
        {
            await _stream.ReadExactlyAsync(one, ct).ConfigureAwait(false);
            if (one[0] == 0) return Encoding.ASCII.GetString(bytes.ToArray());
            if (bytes.Count >= MaxName) throw new IOException($"SOCKS4 field longer than {MaxName} bytes");
            bytes.Add(one[0]);
        }
    }
}
