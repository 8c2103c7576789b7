using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vty.Ssh.Keys;
using Vty.Ssh.Keys.Certificates;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Authentication;

/// <summary>
/// The client side of user authentication (RFC 4252, RFC 4256): none, publickey (query then sign for
/// agent, RSA and DSA keys, sign at once for Ed25519 and ECDSA keys in memory; RSA signature algorithm
/// from server-sig-algs), password, keyboard-interactive, and
/// multi-step logins with partial success. Failure names what was tried and what is allowed.
/// </summary>
internal sealed class ClientAuthenticator
{
    private const string Service = "ssh-connection";
    private const int MaxAttempts = 40;

    private readonly SshTransport _transport;
    private readonly string _user;
    private readonly string? _password;
    private readonly IReadOnlyList<ClientIdentity> _identities;
    private readonly Func<SshKeyboardInteractivePrompt, CancellationToken, ValueTask<string[]>>? _keyboardInteractive;
    private readonly ILogger _log;
    private readonly Channel<byte[]> _inbox = Channel.CreateBounded<byte[]>(16);
    private readonly List<string> _tried = [];
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly string? _passwordsDisabledReason;
    private IReadOnlyList<string> _allowed = [];
    private readonly IReadOnlyList<string> _methods;
    private readonly IReadOnlyList<string>? _publicKeyAlgorithms;

    /// <summary>The methods tried, in order, when the caller names none (OpenSSH's order without GSSAPI and hostbased).</summary>
    public static IReadOnlyList<string> DefaultMethods { get; } = ["publickey", "keyboard-interactive", "password"];

    // passwordsDisabledReason: when set, password and keyboard-interactive are never attempted (the
    // host key changed and the policy let the connection go on: what the user types must not reach a
    // possible man-in-the-middle).
    public ClientAuthenticator(SshTransport transport, string user, string? password, IReadOnlyList<ClientIdentity> identities,
        Func<SshKeyboardInteractivePrompt, CancellationToken, ValueTask<string[]>>? keyboardInteractive, ILogger log,
        IReadOnlyList<string>? methods = null, IReadOnlyList<string>? publicKeyAlgorithms = null,
        string? passwordsDisabledReason = null)
    {
        _methods = methods ?? DefaultMethods;
        _publicKeyAlgorithms = publicKeyAlgorithms;
        _transport = transport;
        _user = user;
        _passwordsDisabledReason = passwordsDisabledReason;
        _password = passwordsDisabledReason is null ? password : null;
        _identities = identities;
        _keyboardInteractive = passwordsDisabledReason is null ? keyboardInteractive : null;
        _log = log;
        if (passwordsDisabledReason is not null)
            _log.LogWarning("password and keyboard-interactive authentication are disabled: {Reason}", passwordsDisabledReason);
    }

    /// <summary>The server's SSH_MSG_USERAUTH_BANNER text, if it sent one.</summary>
    public string? Banner { get; private set; }

    /// <summary>
    /// Authenticates. On success the transport's message handler is switched to
    /// <paramref name="next"/> on the read loop, so no message after USERAUTH_SUCCESS is lost.
    /// </summary>
    public async Task AuthenticateAsync(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> next, CancellationToken ct)
    {
        _transport.MessageHandler = async (payload, token) =>
        {
            if (payload.Span[0] == SshMessageNumber.UserAuthSuccess) _transport.MessageHandler = next;
            await _inbox.Writer.WriteAsync(payload.ToArray(), token);
        };
        _ = _transport.Completion.ContinueWith(t => _inbox.Writer.TryComplete(t.Exception?.InnerException ?? new SshDisconnectedException("the connection closed during authentication")),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        using (var w = new SshWriter(32))
        {
            w.WriteByte(SshMessageNumber.ServiceRequest);
            w.WriteString("ssh-userauth");
            await _transport.SendAsync(w.WrittenMemory, ct);
        }
        byte[] accept = await ReceiveAsync(ct);
        if (accept[0] != SshMessageNumber.ServiceAccept)
            throw new SshProtocolException($"expected SERVICE_ACCEPT for ssh-userauth, got message {accept[0]}");

        _tried.Add("none");
        if (await TryNoneAsync(ct)) return;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            bool? result = await TryNextMethodAsync(ct);
            if (result == true) return;
            if (result == null) break;
        }
        throw Failure();
    }

    private SshAuthenticationException Failure()
    {
        string allowed = _allowed.Count == 0 ? "none" : string.Join(", ", _allowed);
        string tried = string.Join(", ", _tried);
        string hint = _passwordsDisabledReason is not null
            ? $" (password and keyboard-interactive authentication were not attempted because {_passwordsDisabledReason}; " +
              "check the host key, or log in with a key)" :
            _allowed.Contains("password") && _password == null ? " (no password was given: set VTY_PASSWORD or Password)" :
            _allowed.Contains("publickey") && _identities.Count == 0 ? " (no private key was given and no agent holds one: use -i, PrivateKeys or an ssh-agent)" : "";
        return new SshAuthenticationException(
            $"authentication failed for user '{_user}': tried {tried}; the server allows {allowed}{hint}", [.. _tried], _allowed);
    }

    private async Task<byte[]> ReceiveAsync(CancellationToken ct)
    {
        while (true)
        {
            byte[] message;
            try
            {
                message = await _inbox.Reader.ReadAsync(ct);
            }
            catch (ChannelClosedException e)
            {
                throw e.InnerException as SshException ?? new SshDisconnectedException("the connection closed during authentication", inner: e);
            }
            if (message[0] == SshMessageNumber.UserAuthBanner)
            {
                var r = new SshReader(message.AsSpan(1));
                Banner = (Banner ?? "") + r.ReadString();
                continue;
            }
            return message;
        }
    }

    /// <summary>Reads USERAUTH_SUCCESS (true) or FAILURE (false, updating the allowed list); any other message is returned with a null result.</summary>
    private async Task<(bool? Success, byte[] Message)> ReceiveResultAsync(CancellationToken ct)
    {
        byte[] message = await ReceiveAsync(ct);
        switch (message[0])
        {
            case SshMessageNumber.UserAuthSuccess:
                return (true, message);
            case SshMessageNumber.UserAuthFailure:
            {
                var r = new SshReader(message.AsSpan(1));
                _allowed = r.ReadNameList();
                bool partial = r.ReadBoolean();
                _log.LogDebug("authentication: failure, partial={Partial}, allowed {Allowed}", partial, string.Join(",", _allowed));
                return (false, message);
            }
            default:
                return (null, message);
        }
    }

    // The method and key fingerprint only: never a password, an answer or a passphrase.
    private void Trying(string method)
    {
        _tried.Add(method);
        _log.LogDebug("authentication: trying {Method} as {User}", method, _user);
    }

    private SshWriter StartRequest(string method)
    {
        var w = new SshWriter(256);
        w.WriteByte(SshMessageNumber.UserAuthRequest);
        w.WriteString(_user);
        w.WriteString(Service);
        w.WriteString(method);
        return w;
    }

    private async Task<bool> TryNoneAsync(CancellationToken ct)
    {
        using (SshWriter w = StartRequest("none"))
            await _transport.SendAsync(w.WrittenMemory, ct);
        var (success, message) = await ReceiveResultAsync(ct);
        if (success == null) throw new SshProtocolException($"unexpected message {message[0]} answering the 'none' authentication request");
        return success.Value;
    }

    /// <summary>Tries the next untried method the server allows, in the configured order: true on success, false to go on, null when nothing is left.</summary>
    private async Task<bool?> TryNextMethodAsync(CancellationToken ct)
    {
        foreach (string method in _methods)
        {
            if (!_allowed.Contains(method)) continue;
            switch (method)
            {
                case "publickey":
                    foreach (ClientIdentity identity in _identities)
                    {
                        foreach (string algorithm in SignatureAlgorithmsFor(identity.Key))
                        {
                            string id = $"publickey {algorithm} {identity.Key.Sha256Fingerprint}";
                            if (!_done.Add(id)) continue;
                            Trying(id);
                            _log.LogDebug("authentication: offering {Source} as {Algorithm}", identity.Source, algorithm);
                            bool? result = await TryPublicKeyAsync(identity, algorithm, ct);
                            if (result != false) return result;
                            if (!_allowed.Contains("publickey")) return false;
                        }
                    }
                    break;
                case "keyboard-interactive" when (_keyboardInteractive != null || _password != null) && _done.Add("keyboard-interactive"):
                    Trying("keyboard-interactive");
                    return await TryKeyboardInteractiveAsync(ct);
                case "password" when _password != null && _done.Add("password"):
                    Trying("password");
                    return await TryPasswordAsync(_password, ct);
            }
        }
        return null;
    }

    private IEnumerable<string> SignatureAlgorithmsFor(SshPublicKey key)
    {
        IReadOnlyList<string> candidates = key.SignatureAlgorithms;
        if (_publicKeyAlgorithms != null) candidates = [.. candidates.Where(a => _publicKeyAlgorithms.Contains(a, StringComparer.Ordinal))];
        if (SshCertificateAlgorithms.Plain(key.KeyType) != "ssh-rsa") return candidates.Take(1);
        if (_transport.PeerExtensions.TryGetValue("server-sig-algs", out string? list))
        {
            // server-sig-algs is a hint, not a promise (OpenSSH lists algorithms its
            // PubkeyAcceptedAlgorithms may still refuse), so try each SHA-2 one it names;
            // with none in common fall back to ssh-rsa as OpenSSH does.
            // It names plain algorithms; a certificate's are the same with the certificate suffix.
            string[] accepted = list.Split(',');
            var sha2 = candidates.Where(a => SshCertificateAlgorithms.Plain(a) != "ssh-rsa" && accepted.Contains(SshCertificateAlgorithms.Plain(a))).ToList();
            return sha2.Count > 0 ? sha2 : candidates.Where(a => SshCertificateAlgorithms.Plain(a) == "ssh-rsa").Take(1);
        }
        // No server-sig-algs (old servers): try each, strongest first (see paramiko #1961).
        return candidates;
    }

    private async Task<bool?> TryPublicKeyAsync(ClientIdentity identity, string algorithm, CancellationToken ct)
    {
        byte[] blob = identity.Key.Blob;
        bool? success;
        byte[] message;
        if (identity.QueryFirst)
        {
            using (SshWriter query = StartRequest("publickey"))
            {
                query.WriteBoolean(false);
                query.WriteString(algorithm);
                query.WriteString(blob);
                await _transport.SendAsync(query.WrittenMemory, ct);
            }
            (success, message) = await ReceiveResultAsync(ct);
            if (success != null) return success.Value;
            if (message[0] != SshMessageNumber.UserAuthMethodSpecific)
                throw new SshProtocolException($"unexpected message {message[0]} answering a publickey query");
        }

        using var signed = new SshWriter(512);
        signed.WriteString(_transport.SessionId);
        signed.WriteByte(SshMessageNumber.UserAuthRequest);
        signed.WriteString(_user);
        signed.WriteString(Service);
        signed.WriteString("publickey");
        signed.WriteBoolean(true);
        signed.WriteString(algorithm);
        signed.WriteString(blob);
        byte[] signature = await identity.Sign(algorithm, signed.WrittenMemory, ct);
        using (SshWriter request = StartRequest("publickey"))
        {
            request.WriteBoolean(true);
            request.WriteString(algorithm);
            request.WriteString(blob);
            request.WriteString(signature);
            await _transport.SendAsync(request.WrittenMemory, ct);
        }
        (success, message) = await ReceiveResultAsync(ct);
        if (success == null) throw new SshProtocolException($"unexpected message {message[0]} answering a publickey signature");
        return success.Value;
    }

    private async Task<bool?> TryPasswordAsync(string password, CancellationToken ct)
    {
        using (SshWriter w = StartRequest("password"))
        {
            w.WriteBoolean(false);
            w.WriteString(password);
            await _transport.SendAsync(w.WrittenMemory, ct);
        }
        var (success, message) = await ReceiveResultAsync(ct);
        if (success != null) return success.Value;
        if (message[0] == SshMessageNumber.UserAuthMethodSpecific)
        {
            var r = new SshReader(message.AsSpan(1));
            string prompt = r.ReadString();
            throw new SshAuthenticationException(
                $"the server requires a new password for user '{_user}' before login ({prompt.Trim()}); change it interactively with another client first",
                [.. _tried], ["password"]);
        }
        throw new SshProtocolException($"unexpected message {message[0]} answering a password request");
    }

    private async Task<bool?> TryKeyboardInteractiveAsync(CancellationToken ct)
    {
        using (SshWriter w = StartRequest("keyboard-interactive"))
        {
            w.WriteString("");
            w.WriteString("");
            await _transport.SendAsync(w.WrittenMemory, ct);
        }
        for (int round = 0; round < 32; round++)
        {
            var (success, message) = await ReceiveResultAsync(ct);
            if (success != null) return success.Value;
            if (message[0] != SshMessageNumber.UserAuthMethodSpecific)
                throw new SshProtocolException($"unexpected message {message[0]} during keyboard-interactive authentication");
            SshKeyboardInteractivePrompt prompt = ParseInfoRequest(message);
            string[]? answers = await AnswerAsync(prompt, ct);
            if (answers == null)
            {
                _log.LogDebug("keyboard-interactive: cannot answer prompts; moving on");
                return false;
            }
            using var response = new SshWriter(128);
            response.WriteByte(SshMessageNumber.UserAuthInfoResponse);
            response.WriteUInt32((uint)answers.Length);
            foreach (string answer in answers) response.WriteString(answer);
            await _transport.SendAsync(response.WrittenMemory, ct);
        }
        throw new SshProtocolException("keyboard-interactive authentication did not finish after 32 rounds of prompts");
    }

    private static SshKeyboardInteractivePrompt ParseInfoRequest(byte[] message)
    {
        var r = new SshReader(message.AsSpan(1));
        string name = r.ReadString();
        string instruction = r.ReadString();
        r.ReadString();
        uint count = r.ReadUInt32();
        if (count > 64) throw new SshProtocolException($"keyboard-interactive request with {count} prompts");
        var prompts = new List<SshPrompt>((int)count);
        for (uint i = 0; i < count; i++)
            prompts.Add(new SshPrompt(r.ReadString(), r.ReadBoolean()));
        return new SshKeyboardInteractivePrompt(name, instruction, prompts);
    }

    private async Task<string[]?> AnswerAsync(SshKeyboardInteractivePrompt prompt, CancellationToken ct)
    {
        if (prompt.Prompts.Count == 0) return [];
        bool allPasswords = prompt.Prompts.All(p => !p.Echo && p.Text.Contains("password", StringComparison.OrdinalIgnoreCase));
        if (allPasswords && _password != null)
            return [.. prompt.Prompts.Select(_ => _password)];
        if (_keyboardInteractive == null) return null;
        string[] answers = await _keyboardInteractive(prompt, ct);
        if (answers.Length != prompt.Prompts.Count)
            throw new ArgumentException($"the keyboard-interactive callback returned {answers.Length} answers for {prompt.Prompts.Count} prompts");
        return answers;
    }
}
