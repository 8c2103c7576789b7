using System.Net;
using Microsoft.Extensions.Logging;
using Vty.Ssh.Keys.Certificates;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Server.Protocol;
using Vty.Ssh.Transport;

namespace Vty.Ssh.Server.Connections;

/// <summary>
/// One client connection from the first byte to the last: identification and key exchange (the
/// shared transport in the server role), ext-info, authentication, then the connection service.
/// Everything up to successful authentication must finish within the handshake timeout.
/// </summary>
internal sealed class ServerConnection
{
    private readonly SshServerOptions _options;
    private readonly ILogger _logger;

    public ServerConnection(SshServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>Serves the connection; <paramref name="authenticated"/> is called once the client has logged in (the listener stops counting it against MaxStartups).</summary>
    public async Task RunAsync(Stream stream, EndPoint? remote, Action? authenticated, CancellationToken stopping)
    {
        var transport = new SshTransport(stream, SshRole.Server, ServerAlgorithmSettings.CreateTransportSettings(_options), _logger);
        var channel = new TransportPacketChannel(transport);
        try
        {
            SshServerConnectionInfo? info = await HandshakeAsync(transport, channel, remote, stopping).ConfigureAwait(false);
            if (info is null) return;
            channel.Authenticated();
            authenticated?.Invoke();
            var service = new ServerConnectionService(channel, _options, info, _logger);
            await service.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (SshDisconnectedException ex)
        {
            _logger.LogDebug("connection from {Remote} ended: {Reason}", remote, ex.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            channel.Release();
        }
    }

    /// <summary>Key exchange and authentication under the handshake timeout; null when the client did not get in.</summary>
    private async Task<SshServerConnectionInfo?> HandshakeAsync(SshTransport transport, TransportPacketChannel channel, EndPoint? remote, CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(_options.HandshakeTimeout);
        string stage = "identification and key exchange";
        try
        {
            await transport.StartAsync(deadline.Token).ConfigureAwait(false);
            _logger.LogDebug("{Remote} ({Client}) negotiated {Algorithms}", remote, transport.PeerIdentification, transport.Algorithms);
            IReadOnlyList<string> userKeyAlgorithms = ServerAlgorithmSettings.UserKeyAlgorithms(_options);
            if (transport.PeerSupportsExtInfo)
            {
                await transport.SendExtInfoAsync(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    // Plain names only, as sshd: a certificate signs with its plain key's algorithm.
                    ["server-sig-algs"] = string.Join(',', userKeyAlgorithms.Where(a => !SshCertificateAlgorithms.IsCertificate(a))),
                }, deadline.Token).ConfigureAwait(false);
            }
            stage = "authentication";
            var auth = new UserAuthService(channel, _options.Authentication, userKeyAlgorithms, _options.Banner,
                _options.MaxAuthAttempts, remote, transport.PeerIdentification, _logger);
            var result = await auth.RunAsync(deadline.Token).ConfigureAwait(false);
            if (result is not { } ok) return null;
            return new SshServerConnectionInfo(ok.User, remote, transport.PeerIdentification, ok.Methods);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            _logger.LogWarning("disconnecting {Remote}: handshake timeout ({Timeout}s) during {Stage}", remote, _options.HandshakeTimeout.TotalSeconds, stage);
            await transport.DisconnectAsync(SshDisconnectReason.ByApplication, "handshake timeout", CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (SshDisconnectedException ex)
        {
            _logger.LogDebug("{Remote} left during {Stage}: {Reason}", remote, stage, ex.Message);
            return null;
        }
        catch (SshException ex)
        {
            _logger.LogWarning("disconnecting {Remote} during {Stage}: {Reason}", remote, stage, ex.Message);
            SshDisconnectReason reason = ex is SshAlgorithmNegotiationException ? SshDisconnectReason.KeyExchangeFailed : SshDisconnectReason.ProtocolError;
            await transport.DisconnectAsync(reason, ex.Message, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
    }
}
