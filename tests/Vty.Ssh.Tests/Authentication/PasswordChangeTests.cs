using System.Net;
using System.Net.Sockets;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Authentication;

/// <summary>
/// A server (our transport in the server role, auth scripted by hand) that answers the password
/// with SSH_MSG_USERAUTH_PASSWD_CHANGEREQ: the client reports it clearly instead of failing vaguely.
/// </summary>
public sealed class PasswordChangeTests
{
    [Fact]
    public async Task PasswordChangeRequestIsReportedClearly()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        CancellationToken ct = TestTimeouts.ShortToken();
        SshPrivateKey hostKey = SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ed25519"));
        Task serve = Task.Run(async () =>
        {
            using TcpClient socket = await listener.AcceptTcpClientAsync(ct);
            await using var server = new SshTransport(socket.GetStream(), SshRole.Server, new SshTransportSettings
            {
                KexAlgorithms = SshAlgorithms.DefaultKex, HostKeyAlgorithms = SshAlgorithms.DefaultHostKey,
                Ciphers = SshAlgorithms.DefaultCiphers, Macs = SshAlgorithms.DefaultMacs, HostKeys = [hostKey],
            });
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            server.MessageHandler = async (payload, token) =>
            {
                using var w = new SshWriter();
                switch (payload.Span[0])
                {
                    case SshMessageNumber.ServiceRequest:
                        w.WriteByte(SshMessageNumber.ServiceAccept);
                        w.WriteString("ssh-userauth");
                        break;
                    case SshMessageNumber.UserAuthRequest:
                    {
                        var r = new SshReader(payload.Span[1..]);
                        r.ReadString();
                        r.ReadString();
                        string method = r.ReadString();
                        if (method == "password")
                        {
                            w.WriteByte(SshMessageNumber.UserAuthMethodSpecific);
                            w.WriteString("Your password has expired.");
                            w.WriteString("");
                            done.TrySetResult();
                        }
                        else
                        {
                            w.WriteByte(SshMessageNumber.UserAuthFailure);
                            w.WriteNameList(["password"]);
                            w.WriteBoolean(false);
                        }
                        break;
                    }
                    default:
                        return;
                }
                await server.SendAsync(w.ToArray(), token);
            };
            await server.StartAsync(ct);
            await done.Task.WaitAsync(ct);
            await Task.Delay(500, ct);
        }, ct);

        var options = new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            Username = "expired",
            Password = "old-secret",
            HostKeyPolicy = HostKeyPolicy.Off,
        };
        var e = await Assert.ThrowsAsync<SshAuthenticationException>(() => SshClient.ConnectAsync(options, ct));
        Assert.Contains("requires a new password", e.Message);
        Assert.Contains("Your password has expired.", e.Message);
        Assert.DoesNotContain("old-secret", e.Message);
        Assert.Contains("password", e.MethodsTried);
        await serve.WaitAsync(ct);
    }
}
