using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Transport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Transport;

/// <summary>
/// The same <see cref="SshTransport"/> in both roles over loopback TCP: every kex, host key,
/// cipher and MAC negotiated and used, messages both ways, re-keys started by either side.
/// </summary>
public sealed class TransportRoleTests
{
    private static readonly IReadOnlyList<string> AllKex = [.. SshAlgorithms.DefaultKex, .. SshAlgorithms.LegacyKex];
    private static readonly IReadOnlyList<string> AllHostKeys = [.. SshAlgorithms.DefaultHostKey, .. SshAlgorithms.LegacyHostKey];
    private static readonly IReadOnlyList<string> AllCiphers = [.. SshAlgorithms.DefaultCiphers, .. SshAlgorithms.LegacyCiphers];
    private static readonly IReadOnlyList<string> AllMacs = [.. SshAlgorithms.DefaultMacs, .. SshAlgorithms.LegacyMacs];

    private sealed record Pair(SshTransport Client, SshTransport Server, Channel<byte[]> ToServer, Channel<byte[]> ToClient, SshPublicKey SeenHostKey)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private static async Task<IReadOnlyList<SshPrivateKey>> HostKeysAsync() =>
    [
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ed25519")),
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ecdsa256")),
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ecdsa384")),
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ecdsa521")),
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("rsa")),
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("dsa")),
    ];

    private static async Task<Pair> ConnectAsync(string? kex = null, string? hostKey = null, string? cipher = null, string? mac = null,
        TimeSpan? clientRekeyInterval = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var clientSocket = new TcpClient();
        Task<TcpClient> accept = listener.AcceptTcpClientAsync();
        await clientSocket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        TcpClient serverSocket = await accept;
        var server = new SshTransport(serverSocket.GetStream(), SshRole.Server, new SshTransportSettings
        {
            LocalIdentification = "SSH-2.0-VtyTestServer",
            KexAlgorithms = AllKex,
            HostKeyAlgorithms = AllHostKeys,
            Ciphers = AllCiphers,
            Macs = AllMacs,
            HostKeys = await HostKeysAsync(),
        });
        SshPublicKey? seen = null;
        var client = new SshTransport(clientSocket.GetStream(), SshRole.Client, new SshTransportSettings
        {
            KexAlgorithms = kex == null ? SshAlgorithms.DefaultKex : [kex],
            HostKeyAlgorithms = hostKey == null ? SshAlgorithms.DefaultHostKey : [hostKey],
            Ciphers = cipher == null ? SshAlgorithms.DefaultCiphers : [cipher],
            Macs = mac == null ? SshAlgorithms.DefaultMacs : [mac],
            GroupExchangeBits = (2048, 2048, 8192),
            RekeyInterval = clientRekeyInterval ?? TimeSpan.FromHours(1),
            HostKeyVerifier = (key, _) =>
            {
                seen = key;
                return ValueTask.CompletedTask;
            },
        });
        var toServer = Channel.CreateUnbounded<byte[]>();
        var toClient = Channel.CreateUnbounded<byte[]>();
        server.MessageHandler = (payload, _) => { toServer.Writer.TryWrite(payload.ToArray()); return ValueTask.CompletedTask; };
        client.MessageHandler = (payload, _) => { toClient.Writer.TryWrite(payload.ToArray()); return ValueTask.CompletedTask; };
        await Task.WhenAll(server.StartAsync(TestTimeouts.ShortToken()), client.StartAsync(TestTimeouts.ShortToken()));
        return new Pair(client, server, toServer, toClient, seen!);
    }

    private static async Task AssertMessagesFlowAsync(Pair pair, int size = 1000)
    {
        byte[] request = [SshMessageNumber.ServiceRequest, .. new byte[size]];
        request[^1] = 0x5a;
        await pair.Client.SendAsync(request, TestTimeouts.ShortToken());
        Assert.Equal(request, await pair.ToServer.Reader.ReadAsync(TestTimeouts.ShortToken()));
        byte[] reply = [SshMessageNumber.ChannelData, 1, 2, 3];
        await pair.Server.SendAsync(reply, TestTimeouts.ShortToken());
        Assert.Equal(reply, await pair.ToClient.Reader.ReadAsync(TestTimeouts.ShortToken()));
    }

    public static TheoryData<string> KexNames() => [.. AllKex];
    public static TheoryData<string> HostKeyNames() => [.. AllHostKeys];
    public static TheoryData<string> CipherNames() => [.. AllCiphers];
    public static TheoryData<string> MacNames() => [.. AllMacs];

    [Theory]
    [MemberData(nameof(KexNames))]
    public async Task EveryKeyExchange(string kex)
    {
        await using Pair pair = await ConnectAsync(kex: kex);
        Assert.Equal(kex, pair.Client.Algorithms!.Kex);
        Assert.Equal(pair.Client.SessionId, pair.Server.SessionId);
        Assert.True(pair.Client.IsStrictKex && pair.Server.IsStrictKex);
        await AssertMessagesFlowAsync(pair);
    }

    [Theory]
    [MemberData(nameof(HostKeyNames))]
    public async Task EveryHostKeyAlgorithm(string hostKey)
    {
        await using Pair pair = await ConnectAsync(hostKey: hostKey);
        Assert.Equal(hostKey, pair.Server.Algorithms!.HostKey);
        Assert.Contains(hostKey, pair.SeenHostKey.SignatureAlgorithms);
        await AssertMessagesFlowAsync(pair);
    }

    [Theory]
    [MemberData(nameof(CipherNames))]
    public async Task EveryCipher(string cipher)
    {
        await using Pair pair = await ConnectAsync(cipher: cipher);
        Assert.Equal(cipher, pair.Server.Algorithms!.CipherServerToClient);
        await AssertMessagesFlowAsync(pair, 40_000);
    }

    [Theory]
    [MemberData(nameof(MacNames))]
    public async Task EveryMac(string mac)
    {
        await using Pair pair = await ConnectAsync(cipher: "aes256-ctr", mac: mac);
        Assert.Equal(mac, pair.Server.Algorithms!.MacClientToServer);
        await AssertMessagesFlowAsync(pair, 40_000);
    }

    [Fact]
    public async Task EitherSideCanRekeyWhileMessagesFlow()
    {
        await using Pair pair = await ConnectAsync();
        byte[] oldSession = pair.Client.SessionId;
        await pair.Server.RekeyAsync(TestTimeouts.ShortToken());
        await AssertMessagesFlowAsync(pair);
        await pair.Client.RekeyAsync(TestTimeouts.ShortToken());
        await AssertMessagesFlowAsync(pair);
        Assert.True(pair.Client.KeyExchangeCount >= 3);
        Assert.Equal(oldSession, pair.Client.SessionId);
    }

    [Fact]
    public async Task ClientRekeysAfterItsTimeLimit()
    {
        await using Pair pair = await ConnectAsync(clientRekeyInterval: TimeSpan.FromMilliseconds(200));
        await Task.Delay(400);
        // The next packet sent after the interval starts a key exchange; traffic keeps flowing through it.
        await AssertMessagesFlowAsync(pair);
        await AssertMessagesFlowAsync(pair);
        Assert.True(pair.Client.KeyExchangeCount >= 2, $"saw {pair.Client.KeyExchangeCount} key exchanges");
    }

    [Fact]
    public async Task DisconnectEndsThePeerWithTheReason()
    {
        await using Pair pair = await ConnectAsync();
        await pair.Server.DisconnectAsync(SshDisconnectReason.ByApplication, "server shutting down");
        var e = await Assert.ThrowsAsync<SshDisconnectedException>(() => pair.Client.Completion.WaitAsync(TestTimeouts.ShortToken()));
        Assert.Contains("server shutting down", e.Message);
        Assert.False(pair.Client.IsConnected);
    }
}
