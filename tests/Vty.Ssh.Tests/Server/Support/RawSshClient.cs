using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Server.Support;

/// <summary>
/// A deliberately bare client: the shared transport in the client role plus a hand-driven password
/// login, then raw messages. Nothing checks the server's answers, so a test can misbehave freely.
/// </summary>
internal sealed class RawSshClient : IAsyncDisposable
{
    private readonly Channel<byte[]> _received = Channel.CreateUnbounded<byte[]>();

    private RawSshClient(SshTransport transport) => Transport = transport;

    public SshTransport Transport { get; }

    public static async Task<RawSshClient> ConnectAsync(int port, string user, string password, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
        var transport = new SshTransport(new NetworkStream(socket, ownsSocket: true), SshRole.Client, new SshTransportSettings
        {
            KexAlgorithms = SshAlgorithms.DefaultKex,
            HostKeyAlgorithms = SshAlgorithms.DefaultHostKey,
            Ciphers = SshAlgorithms.DefaultCiphers,
            Macs = SshAlgorithms.DefaultMacs,
            HostKeyVerifier = (_, _) => ValueTask.CompletedTask,
        });
        var client = new RawSshClient(transport);
        transport.MessageHandler = (payload, _) =>
        {
            client._received.Writer.TryWrite(payload.ToArray());
            return ValueTask.CompletedTask;
        };
        await transport.StartAsync(ct);
        await client.SendAsync(w => { w.WriteByte(SshMessageNumber.ServiceRequest); w.WriteString("ssh-userauth"); }, ct);
        await client.ExpectAsync(SshMessageNumber.ServiceAccept, ct);
        await client.SendAsync(w =>
        {
            w.WriteByte(SshMessageNumber.UserAuthRequest);
            w.WriteString(user);
            w.WriteString("ssh-connection");
            w.WriteString("password");
            w.WriteBoolean(false);
            w.WriteString(password);
        }, ct);
        await client.ExpectAsync(SshMessageNumber.UserAuthSuccess, ct);
        return client;
    }

    public async Task SendAsync(Action<SshWriter> build, CancellationToken ct)
    {
        using var w = new SshWriter();
        build(w);
        await Transport.SendAsync(w.WrittenMemory, ct);
    }

    public async Task ExpectAsync(byte number, CancellationToken ct)
    {
        while (true)
        {
            byte[] message = await _received.Reader.ReadAsync(ct);
            if (message[0] == number) return;
            if (message[0] is SshMessageNumber.UserAuthFailure)
                throw new InvalidOperationException("the server refused the raw client's password");
        }
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
