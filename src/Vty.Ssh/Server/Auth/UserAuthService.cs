using System.Net;
using Microsoft.Extensions.Logging;
using Vty.Ssh.Keys;
using Vty.Ssh.Server.Protocol;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Server.Auth;

/// <summary>
/// The server side of the "ssh-userauth" service (RFC 4252, keyboard-interactive RFC 4256): answers
/// the service request, sends the banner, runs each request through the policy callbacks, enforces
/// the attempt limit and multi-step (partial success) policies, and returns who logged in.
/// </summary>
internal sealed class UserAuthService
{
    private const string ConnectionService = "ssh-connection";

    // Requests that never count as failures (none probes, key queries) are still capped, so a
    // client cannot probe forever inside the handshake timeout.
    private const int MaxRequests = 64;

    private readonly IServerPacketChannel _channel;
    private readonly SshServerAuthentication _policy;
    private readonly IReadOnlyList<string> _acceptedKeyAlgorithms;
    private readonly string? _banner;
    private readonly int _maxAttempts;
    private readonly EndPoint? _remote;
    private readonly string _clientVersion;
    private readonly ILogger _logger;
    private byte[]? _pending;

    public UserAuthService(IServerPacketChannel channel, SshServerAuthentication policy, IReadOnlyList<string> acceptedKeyAlgorithms,
        string? banner, int maxAttempts, EndPoint? remote, string clientVersion, ILogger logger)
    {
        _channel = channel;
        _policy = policy;
        _acceptedKeyAlgorithms = acceptedKeyAlgorithms;
        _banner = banner;
        _maxAttempts = maxAttempts;
        _remote = remote;
        _clientVersion = clientVersion;
        _logger = logger;
    }

    /// <summary>
    /// Runs authentication to the end. Returns the user and the methods it passed, or null when the
    /// client was disconnected (too many failures, protocol violation); the disconnect is already sent.
    /// </summary>
    public async Task<(string User, IReadOnlyList<string> Methods)?> RunAsync(CancellationToken cancellationToken)
    {
        if (!await AcceptServiceRequestAsync(cancellationToken).ConfigureAwait(false))
            return null;
        if (_banner is not null)
            await SendBannerAsync(_banner, cancellationToken).ConfigureAwait(false);

        string? user = null;
        var completed = new List<string>();
        IReadOnlyList<string> allowed = _policy.EnabledMethods();
        int failures = 0;
        for (int requests = 0; ; requests++)
        {
            if (requests >= MaxRequests)
            {
                await DisconnectAsync(SshDisconnectReason.NoMoreAuthMethodsAvailable, $"too many authentication requests ({MaxRequests})", user, cancellationToken).ConfigureAwait(false);
                return null;
            }
            byte[] message = await NextMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message[0] != SshMessageNumber.UserAuthRequest)
            {
                await DisconnectAsync(SshDisconnectReason.ProtocolError, $"message {message[0]} received before authentication completed", user, cancellationToken).ConfigureAwait(false);
                return null;
            }
            var request = ParseRequest(message);
            if (request.Service != ConnectionService)
            {
                await DisconnectAsync(SshDisconnectReason.ServiceNotAvailable, $"service {request.Service} is not available", request.User, cancellationToken).ConfigureAwait(false);
                return null;
            }
            if (user is not null && user != request.User)
            {
                // OpenSSH does the same: a multi-step policy must not mix steps of two users.
                await DisconnectAsync(SshDisconnectReason.ProtocolError, "change of user name during authentication is not allowed", request.User, cancellationToken).ConfigureAwait(false);
                return null;
            }
            user = request.User;
            var context = new SshAuthContext(user, _remote, _clientVersion, completed.ToArray());

            (SshAuthDecision? decision, bool counts) = await DecideAsync(request, message, context, allowed, cancellationToken).ConfigureAwait(false);
            if (decision is null)
                continue; // a public key query was answered with PK_OK
            switch (decision.Outcome)
            {
                case SshAuthOutcome.Success:
                    completed.Add(request.Method);
                    await SendAsync(w => w.WriteByte(SshMessageNumber.UserAuthSuccess), cancellationToken).ConfigureAwait(false);
                    _logger.LogInformation("user {User} authenticated from {Remote} by {Methods}", user, _remote, string.Join("+", completed));
                    return (user, completed);
                case SshAuthOutcome.PartialSuccess:
                    completed.Add(request.Method);
                    allowed = decision.NextMethods;
                    await SendFailureAsync(allowed, partial: true, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    if (counts)
                    {
                        failures++;
                        _logger.LogInformation("failed {Method} authentication for {User} from {Remote} ({Failures}/{Max})", request.Method, user, _remote, failures, _maxAttempts);
                        if (failures >= _maxAttempts)
                        {
                            await DisconnectAsync(SshDisconnectReason.NoMoreAuthMethodsAvailable, $"too many authentication failures ({failures})", user, cancellationToken).ConfigureAwait(false);
                            return null;
                        }
                    }
                    await SendFailureAsync(allowed, partial: false, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task<(SshAuthDecision? Decision, bool Counts)> DecideAsync(AuthRequest request, byte[] message, SshAuthContext context,
        IReadOnlyList<string> allowed, CancellationToken cancellationToken)
    {
        if (request.Method == SshAuthMethods.None)
        {
            if (_policy.None is null) return (SshAuthDecision.Failure, false);
            SshAuthDecision none = await _policy.None(context, cancellationToken).ConfigureAwait(false);
            return (none, false);
        }
        if (!allowed.Contains(request.Method, StringComparer.Ordinal))
            return (SshAuthDecision.Failure, false);

        switch (request.Method)
        {
            case SshAuthMethods.Password when _policy.Password is not null:
                {
                    var reader = new SshReader(message.AsSpan(request.MethodDataOffset));
                    bool changing = reader.ReadBoolean();
                    string password = reader.ReadString();
                    if (changing) return (SshAuthDecision.Failure, true); // password change is not supported
                    return (await _policy.Password(new SshPasswordRequest(context, password), cancellationToken).ConfigureAwait(false), true);
                }
            case SshAuthMethods.PublicKey when _policy.PublicKey is not null || _policy.TrustedUserCaKeys.Count > 0:
                return await DecidePublicKeyAsync(request, message, context, cancellationToken).ConfigureAwait(false);
            case SshAuthMethods.KeyboardInteractive when _policy.KeyboardInteractive is not null:
                return await DecideKeyboardInteractiveAsync(request, message, context, cancellationToken).ConfigureAwait(false);
            default:
                return (SshAuthDecision.Failure, false);
        }
    }

    private async Task<(SshAuthDecision?, bool)> DecidePublicKeyAsync(AuthRequest request, byte[] message, SshAuthContext context, CancellationToken cancellationToken)
    {
        bool hasSignature;
        string algorithm;
        byte[] blob;
        byte[]? signature = null;
        int signedLength;
        {
            var reader = new SshReader(message.AsSpan(request.MethodDataOffset));
            hasSignature = reader.ReadBoolean();
            algorithm = reader.ReadString();
            blob = reader.ReadStringBytes().ToArray();
            signedLength = request.MethodDataOffset + reader.Position;
            if (hasSignature) signature = reader.ReadStringBytes().ToArray();
        }
        if (!_acceptedKeyAlgorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            _logger.LogDebug("public key algorithm {Algorithm} is not accepted", algorithm);
            return (SshAuthDecision.Failure, hasSignature);
        }
        SshPublicKey key;
        try
        {
            key = SshPublicKey.FromBlob(blob);
        }
        catch (SshException ex)
        {
            _logger.LogDebug("unusable public key from {Remote}: {Reason}", _remote, ex.Message);
            return (SshAuthDecision.Failure, hasSignature);
        }
        if (!key.SignatureAlgorithms.Contains(algorithm, StringComparer.Ordinal))
            return (SshAuthDecision.Failure, hasSignature);

        if (!hasSignature)
        {
            SshAuthDecision query = await DecideKeyAsync(new SshPublicKeyRequest(context, key, algorithm, IsQuery: true), cancellationToken).ConfigureAwait(false);
            if (query.Outcome == SshAuthOutcome.Failure) return (SshAuthDecision.Failure, false);
            await SendAsync(w =>
            {
                w.WriteByte(SshMessageNumber.UserAuthMethodSpecific);
                w.WriteString(algorithm);
                w.WriteString(blob);
            }, cancellationToken).ConfigureAwait(false);
            return (null, false);
        }

        // RFC 4252 §7: the signature covers the session id and the request up to the signature.
        using var signed = new SshWriter(signedLength + 64);
        signed.WriteString(_channel.SessionId.Span);
        signed.WriteRaw(message.AsSpan(0, signedLength));
        if (!key.VerifySignature(signed.WrittenSpan, signature, algorithm))
        {
            _logger.LogInformation("bad {Algorithm} signature from {Remote} for {User}", algorithm, _remote, context.User);
            return (SshAuthDecision.Failure, true);
        }
        return (await DecideKeyAsync(new SshPublicKeyRequest(context, key, algorithm, IsQuery: false), cancellationToken).ConfigureAwait(false), true);
    }

    // Certificates are judged against the trusted user CAs; plain keys by the policy's callback.
    private ValueTask<SshAuthDecision> DecideKeyAsync(SshPublicKeyRequest request, CancellationToken cancellationToken)
    {
        if (request.Key.Certificate is not { } certificate)
            return _policy.PublicKey?.Invoke(request, cancellationToken) ?? ValueTask.FromResult(SshAuthDecision.Failure);
        if (UserCertificateCheck.Problem(certificate, request.User, _policy, _remote, DateTimeOffset.UtcNow) is { } problem)
        {
            _logger.LogInformation("user certificate refused for {User} from {Remote}: {Problem}", request.User, _remote, problem);
            return ValueTask.FromResult(SshAuthDecision.Failure);
        }
        if (!request.IsQuery)
            _logger.LogInformation("user certificate {Certificate} accepted for {User}", certificate.ToString(), request.User);
        return ValueTask.FromResult(SshAuthDecision.Success);
    }

    private async Task<(SshAuthDecision?, bool)> DecideKeyboardInteractiveAsync(AuthRequest request, byte[] message, SshAuthContext context, CancellationToken cancellationToken)
    {
        string submethods;
        {
            var reader = new SshReader(message.AsSpan(request.MethodDataOffset));
            reader.ReadString(); // language tag, deprecated
            submethods = reader.ReadString();
        }
        var interactive = new SshKeyboardInteractiveContext(context, submethods, AskAsync);
        try
        {
            return (await _policy.KeyboardInteractive!(interactive, cancellationToken).ConfigureAwait(false), true);
        }
        catch (SshAuthAbortedException ex)
        {
            _logger.LogDebug("keyboard-interactive for {User} abandoned: {Reason}", context.User, ex.Message);
            return (SshAuthDecision.Failure, true);
        }
    }

    private async ValueTask<string[]> AskAsync(string name, string instruction, IReadOnlyList<SshKeyboardInteractiveQuestion> questions, CancellationToken cancellationToken)
    {
        await SendAsync(w =>
        {
            w.WriteByte(SshMessageNumber.UserAuthMethodSpecific);
            w.WriteString(name);
            w.WriteString(instruction);
            w.WriteString("");
            w.WriteUInt32((uint)questions.Count);
            foreach (SshKeyboardInteractiveQuestion question in questions)
            {
                w.WriteString(question.Prompt);
                w.WriteBoolean(question.Echo);
            }
        }, cancellationToken).ConfigureAwait(false);

        byte[] message = await NextMessageAsync(cancellationToken).ConfigureAwait(false);
        if (message[0] != SshMessageNumber.UserAuthInfoResponse)
        {
            // RFC 4256 §3.3: a new request aborts the exchange; it is processed next.
            _pending = message;
            throw new SshAuthAbortedException("the client sent another request instead of answers");
        }
        var reader = new SshReader(message.AsSpan(1));
        uint count = reader.ReadUInt32();
        if (count != questions.Count)
            throw new SshAuthAbortedException($"the client sent {count} answers to {questions.Count} questions");
        var answers = new string[count];
        for (int i = 0; i < answers.Length; i++) answers[i] = reader.ReadString();
        return answers;
    }

    private async Task<bool> AcceptServiceRequestAsync(CancellationToken cancellationToken)
    {
        byte[] message = await NextMessageAsync(cancellationToken).ConfigureAwait(false);
        if (message[0] != SshMessageNumber.ServiceRequest)
        {
            await DisconnectAsync(SshDisconnectReason.ProtocolError, $"expected a service request, got message {message[0]}", null, cancellationToken).ConfigureAwait(false);
            return false;
        }
        string service = new SshReader(message.AsSpan(1)).ReadString();
        if (service != "ssh-userauth")
        {
            await DisconnectAsync(SshDisconnectReason.ServiceNotAvailable, $"service {service} is not available before authentication", null, cancellationToken).ConfigureAwait(false);
            return false;
        }
        await SendAsync(w =>
        {
            w.WriteByte(SshMessageNumber.ServiceAccept);
            w.WriteString(service);
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private ValueTask SendBannerAsync(string banner, CancellationToken cancellationToken) => SendAsync(w =>
    {
        w.WriteByte(SshMessageNumber.UserAuthBanner);
        w.WriteString(banner);
        w.WriteString("");
    }, cancellationToken);

    private ValueTask SendFailureAsync(IReadOnlyList<string> methods, bool partial, CancellationToken cancellationToken) => SendAsync(w =>
    {
        w.WriteByte(SshMessageNumber.UserAuthFailure);
        w.WriteNameList(methods);
        w.WriteBoolean(partial);
    }, cancellationToken);

    private async ValueTask SendAsync(Action<SshWriter> build, CancellationToken cancellationToken)
    {
        using var writer = new SshWriter();
        build(writer);
        await _channel.SendAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<byte[]> NextMessageAsync(CancellationToken cancellationToken)
    {
        if (_pending is { } pending)
        {
            _pending = null;
            return pending;
        }
        ReadOnlyMemory<byte> payload = await _channel.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (payload.Length == 0) throw new SshWireFormatException("empty message");
        return payload.ToArray();
    }

    private async ValueTask DisconnectAsync(SshDisconnectReason reason, string description, string? user, CancellationToken cancellationToken)
    {
        _logger.LogWarning("disconnecting {Remote} (user {User}) during authentication: {Reason}", _remote, user ?? "-", description);
        await _channel.DisconnectAsync(reason, description, cancellationToken).ConfigureAwait(false);
    }

    private static AuthRequest ParseRequest(byte[] message)
    {
        var reader = new SshReader(message.AsSpan(1));
        string user = reader.ReadString();
        string service = reader.ReadString();
        string method = reader.ReadString();
        return new AuthRequest(user, service, method, 1 + reader.Position);
    }

    private readonly record struct AuthRequest(string User, string Service, string Method, int MethodDataOffset);
}
