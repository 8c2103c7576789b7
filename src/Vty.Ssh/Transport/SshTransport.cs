using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Transport.KeyExchange;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Transport;

/// <summary>
/// The SSH transport layer (RFC 4253) for either role: identification exchange, binary packets,
/// sequence numbers, KEXINIT negotiation, key exchange, NEWKEYS, strict kex, ext-info, re-keying,
/// and the transport messages (IGNORE, DEBUG, UNIMPLEMENTED, DISCONNECT). One read loop per
/// connection hands every message numbered 5 or ≥ 50 to <see cref="MessageHandler"/>; senders
/// call <c>SendAsync</c>, which holds traffic back while a key exchange runs.
/// </summary>
public sealed class SshTransport : IAsyncDisposable
{
    private const string StrictClient = "kex-strict-c-v00@openssh.com";
    private const string StrictServer = "kex-strict-s-v00@openssh.com";

    private readonly Stream _stream;
    private readonly ILogger _log;
    private readonly SshPacketReader _reader;
    private readonly SshPacketWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    // Cancels the read loop's reads only where the stream cannot be ended as an end of stream (see EndReads).
    private readonly CancellationTokenSource _readStop = new();
    private readonly TaskCompletionSource _firstKex = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _kexDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, string> _peerExtensions = new(StringComparer.Ordinal);
    private readonly Queue<byte[]> _heldBack = new();
    private Task? _readLoop;
    private Exception? _fault;
    private int _disposed;

    // Key exchange state: touched by the read loop, and by senders only under _writeLock.
    private bool _kexPending;
    private volatile bool _inKex;
    private byte[]? _localKexInit;
    private byte[]? _peerKexInit;
    private IKexFlow? _kexFlow;
    private bool _ignoreNextKexPacket;
    private IPacketDecryptor? _pendingDecryptor;
    private bool _newKeysSent;
    private bool _newKeysReceived;
    private bool _firstKexDone;
    private bool _strictKex;
    private bool _packetBeforeKexInit;
    private DateTime _lastKex = DateTime.UtcNow;
    private int _kexCount;

    /// <summary>Creates a transport over a connected stream; call <see cref="StartAsync"/> next.</summary>
    public SshTransport(Stream stream, SshRole role, SshTransportSettings settings, ILogger? logger = null)
    {
        _stream = stream;
        Role = role;
        Settings = settings;
        _log = logger ?? NullLogger.Instance;
        _reader = new SshPacketReader(stream, PacketProtection.CreateNoneDecryptor());
        _writer = new SshPacketWriter(stream, PacketProtection.CreateNoneEncryptor());
    }

    /// <summary>Client or server.</summary>
    public SshRole Role { get; }

    /// <summary>What this transport offers and enforces.</summary>
    public SshTransportSettings Settings { get; }

    /// <summary>Our identification string.</summary>
    public string LocalIdentification => Settings.LocalIdentification;

    /// <summary>The peer's identification string (after <see cref="StartAsync"/>).</summary>
    public string PeerIdentification { get; private set; } = "";

    /// <summary>The exchange hash of the first key exchange (RFC 4253 §7.2), used by authentication signatures.</summary>
    public byte[] SessionId { get; private set; } = [];

    /// <summary>Algorithms of the most recent key exchange.</summary>
    public NegotiatedAlgorithms? Algorithms { get; private set; }

    /// <summary>The server's host key (proven by its signature; in the server role, our own).</summary>
    public SshPublicKey? HostKey { get; private set; }

    /// <summary>True when both sides agreed on strict key exchange (Terrapin countermeasure).</summary>
    public bool IsStrictKex => _strictKex;

    /// <summary>Completed key exchanges (1 after the handshake; more after re-keys).</summary>
    public int KeyExchangeCount => Volatile.Read(ref _kexCount);

    /// <summary>True when the peer advertised RFC 8308 ext-info support in its first KEXINIT.</summary>
    public bool PeerSupportsExtInfo { get; private set; }

    /// <summary>Extensions from the peer's SSH_MSG_EXT_INFO (e.g. server-sig-algs).</summary>
    public IReadOnlyDictionary<string, string> PeerExtensions => Volatile.Read(ref _peerExtensions);

    /// <summary>
    /// Receives every message numbered 5–6 or ≥ 50, on the read loop, one at a time. The payload is
    /// valid until the returned task completes. Replace it to hand messages to the next layer.
    /// </summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? MessageHandler { get; set; }

    /// <summary>
    /// Largest packet accepted from the peer now. A server lowers it to
    /// <c>35000</c> until the client has authenticated and raises it afterwards; a larger packet
    /// is answered with DISCONNECT (protocol error) naming the limit. Between 1 KiB and 256 KiB.
    /// </summary>
    public int MaxIncomingPacketLength
    {
        get => _reader.PacketLengthLimit;
        set => _reader.PacketLengthLimit = value;
    }

    /// <summary>Bytes the packet reader holds now (it grows with bytes actually received).</summary>
    internal int ReadBufferCapacity => _reader.BufferCapacity;

    /// <summary>Completes when the connection ends: successfully on a clean close, faulted with the reason otherwise.</summary>
    public Task Completion => _closed.Task;

    /// <summary>Why the transport stopped, if it did.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>True until the transport fails or is disposed.</summary>
    public bool IsConnected => Fault == null && Volatile.Read(ref _disposed) == 0;

    /// <summary>Exchanges identifications and runs the first key exchange; returns when both NEWKEYS are done.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
        try
        {
            await _stream.WriteAsync(SshIdentification.Encode(LocalIdentification), linked.Token);
            PeerIdentification = await SshIdentification.ReadAsync(_reader, allowPreamble: Role == SshRole.Client, linked.Token);
            _log.LogDebug("peer identification: {Identification}", PeerIdentification);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && _shutdown.IsCancellationRequested)
        {
            throw Fault ?? new SshDisconnectedException("the transport was closed");
        }
        catch (Exception e) when (e is IOException)
        {
            throw new SshDisconnectedException($"the connection was lost during the identification exchange: {e.Message}", inner: e);
        }
        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        try
        {
            await SendKexInitAsync(CancellationToken.None);
            await _firstKex.Task.WaitAsync(ct);
        }
        catch (Exception e) when (Fault is { } fault && fault != e && !ct.IsCancellationRequested)
        {
            // The read loop saw the real cause first (e.g. a bad packet); the write failed only because it closed the stream.
            throw fault;
        }
    }

    /// <summary>
    /// Sends one message (numbers ≥ 5). While a key exchange runs, the message is held back and sent
    /// right after our NEWKEYS. The caller's token cancels the wait for the write lock only; once a
    /// packet is being written it is written whole.
    /// </summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            ThrowIfClosed();
            if (_kexPending)
            {
                // RFC 4253 §7.1: nothing but kex messages between our KEXINIT and NEWKEYS. Queue
                // instead of waiting, so the read loop never blocks on the kex it must finish.
                // Bounded: channel data is limited by the peer's windows.
                _heldBack.Enqueue(payload.ToArray());
                return;
            }
            await _writer.WriteAsync(payload, _shutdown.Token);
            if (NeedsRekey(_writer.BytesSinceRekey))
                await SendKexInitLockedAsync();
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            throw Fault ?? new SshDisconnectedException("the connection is closed");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends the first <paramref name="count"/> messages of <paramref name="payloads"/> in order, as
    /// one write to the stream (fewer socket sends for bulk channel data). Same rules as
    /// <see cref="SendAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.
    /// </summary>
    public async ValueTask SendManyAsync(ReadOnlyMemory<byte>[] payloads, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, payloads.Length);
        await _writeLock.WaitAsync(ct);
        try
        {
            ThrowIfClosed();
            if (_kexPending)
            {
                for (int i = 0; i < count; i++) _heldBack.Enqueue(payloads[i].ToArray());
                return;
            }
            await _writer.WriteManyAsync(payloads, count, _shutdown.Token);
            if (NeedsRekey(_writer.BytesSinceRekey))
                await SendKexInitLockedAsync();
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            throw Fault ?? new SshDisconnectedException("the connection is closed");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends one message built by <paramref name="writer"/>.</summary>
    public ValueTask SendAsync(SshWriter writer, CancellationToken ct) => SendAsync(writer.WrittenMemory, ct);

    /// <summary>Starts a re-key now (no-op if one is already running); returns when it is done.</summary>
    public async Task RekeyAsync(CancellationToken ct)
    {
        Task done;
        await _writeLock.WaitAsync(ct);
        try
        {
            ThrowIfClosed();
            // A key exchange still in progress (ours or the peer's) counts: starting another before
            // the peer's NEWKEYS would overlap two exchanges, which the protocol forbids.
            if (!_inKex) await SendKexInitLockedAsync();
            done = _kexDone.Task;
        }
        finally
        {
            _writeLock.Release();
        }
        await done.WaitAsync(ct);
    }

    /// <summary>Server role: sends SSH_MSG_EXT_INFO (RFC 8308) with the given extensions.</summary>
    public ValueTask SendExtInfoAsync(IReadOnlyDictionary<string, string> extensions, CancellationToken ct)
    {
        using var w = new SshWriter(256);
        w.WriteByte(SshMessageNumber.ExtInfo);
        w.WriteUInt32((uint)extensions.Count);
        foreach (var (name, value) in extensions)
        {
            w.WriteString(name);
            w.WriteString(value);
        }
        return SendAsync(w.ToArray(), ct);
    }

    /// <summary>Sends SSH_MSG_DISCONNECT (best effort) and closes the connection.</summary>
    public async Task DisconnectAsync(SshDisconnectReason reason, string description, CancellationToken ct = default)
    {
        if (IsConnected) await SendDisconnectAsync(reason, description, ct);
        Close(new SshDisconnectedException($"disconnected by us: {description}", (uint)reason));
    }

    /// <summary>Writes SSH_MSG_DISCONNECT within 2 s if it can; failures are only logged.</summary>
    private async Task SendDisconnectAsync(SshDisconnectReason reason, string description, CancellationToken ct)
    {
        try
        {
            using var w = new SshWriter(64 + description.Length);
            w.WriteByte(SshMessageNumber.Disconnect);
            w.WriteUInt32((uint)reason);
            w.WriteString(description);
            w.WriteString("");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await _writeLock.WaitAsync(timeout.Token);
            try
            {
                if (Fault == null) await _writer.WriteAsync(w.WrittenMemory, timeout.Token);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception e) when (e is SshException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            _log.LogDebug("could not send DISCONNECT: {Error}", e.Message);
        }
    }

    // ---- read loop -------------------------------------------------------------------------

    private async Task ReadLoopAsync()
    {
        CancellationToken ct = _shutdown.Token;
        CancellationToken readCt = _readStop.Token;
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> payload = await _reader.ReadPacketAsync(readCt);
                if (payload.IsEmpty)
                {
                    Close(new SshDisconnectedException("the peer closed the connection"));
                    return;
                }
                // Closed meanwhile (by us, or a send failed): what still arrives is for nobody.
                if (Fault != null) return;
                if (payload.Span[0] == SshMessageNumber.Disconnect)
                {
                    // The usual end of a session: closing without a throw spares every connection
                    // an exception unwinding through the read loop.
                    Close(ParseDisconnect(payload.Span));
                    return;
                }
                await DispatchAsync(payload, ct);
                if (NeedsRekey(_reader.BytesSinceRekey))
                    await SendKexInitAsync(ct);
            }
        }
        catch (SshPacketTooLargeException e)
        {
            // Tell the peer why (as OpenSSH does for a bad packet length), then close.
            await SendDisconnectAsync(SshDisconnectReason.ProtocolError, e.Message, CancellationToken.None);
            Close(e);
        }
        catch (Exception e)
        {
            Close(e is OperationCanceledException && (ct.IsCancellationRequested || readCt.IsCancellationRequested)
                ? Fault ?? new SshDisconnectedException("the connection was closed")
                : Wrap(e));
        }
        finally
        {
            // Close (always called before we get here) left the stream to us when it ended our reads.
            DisposeStream();
        }
    }

    private static Exception Wrap(Exception e) => e switch
    {
        SshException => e,
        IOException io => new SshDisconnectedException($"the connection was lost: {io.Message}", inner: io),
        ObjectDisposedException => new SshDisconnectedException("the connection was closed", inner: e),
        _ => new SshProtocolException($"internal error handling an SSH packet: {e.Message}", e),
    };

    private async ValueTask DispatchAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        byte number = payload.Span[0];
        if (_peerKexInit == null && !_firstKexDone && number != SshMessageNumber.KexInit)
        {
            _packetBeforeKexInit = true;
        }
        if (!_firstKexDone && _strictKex && !SshMessageNumber.IsKeyExchange(number) && number != SshMessageNumber.Disconnect)
            throw new SshProtocolException($"unexpected message {number} during the initial strict key exchange (possible Terrapin-style tampering)");

        switch (number)
        {
            case SshMessageNumber.Ignore:
            case SshMessageNumber.Debug:
                return;
            case SshMessageNumber.Unimplemented:
                _log.LogDebug("peer does not implement our message with sequence number {Sequence}", new SshReader(payload.Span[1..]).ReadUInt32());
                return;
            case SshMessageNumber.ExtInfo:
                ParseExtInfo(payload.Span);
                return;
            case SshMessageNumber.KexInit:
                await OnKexInitAsync(payload, ct);
                return;
            case SshMessageNumber.NewKeys:
                OnNewKeys();
                return;
        }
        if (SshMessageNumber.IsKeyExchange(number))
        {
            if (_ignoreNextKexPacket)
            {
                _ignoreNextKexPacket = false;
                return;
            }
            IKexFlow flow = _kexFlow ?? throw new SshProtocolException($"key exchange message {number} outside a key exchange");
            await flow.HandleAsync(number, payload, CurrentKexContext!, ct);
            return;
        }
        if (number < SshMessageNumber.ServiceRequest || (number > SshMessageNumber.ServiceAccept && number < SshMessageNumber.UserAuthRequest))
        {
            await SendUnimplementedAsync(_reader.SequenceNumber - 1, ct);
            return;
        }
        if (!_firstKexDone)
            throw new SshProtocolException($"message {number} arrived before the initial key exchange finished");
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? handler = MessageHandler;
        if (handler == null)
            throw new SshProtocolException($"unexpected message {number}: nothing is listening for it yet");
        await handler(payload, ct);
    }

    private static SshDisconnectedException ParseDisconnect(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload[1..]);
        uint reason = r.ReadUInt32();
        string description = r.AtEnd ? "" : r.ReadString();
        var text = new StringBuilder(Math.Min(description.Length, 200));
        foreach (char c in description.AsSpan(0, Math.Min(description.Length, 200)))
            text.Append(char.IsControl(c) ? ' ' : c);
        return new SshDisconnectedException($"the server disconnected (reason {reason}): {text}", reason);
    }

    private void ParseExtInfo(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload[1..]);
        uint count = r.ReadUInt32();
        if (count > 256) throw new SshProtocolException($"EXT_INFO with {count} extensions");
        var extensions = new Dictionary<string, string>(PeerExtensions, StringComparer.Ordinal);
        for (uint i = 0; i < count; i++)
        {
            string name = r.ReadString();
            string value = Encoding.UTF8.GetString(r.ReadStringBytes());
            extensions[name] = value;
        }
        Volatile.Write(ref _peerExtensions, extensions);
        _log.LogDebug("peer extensions: {Extensions}", string.Join("; ", extensions.Select(e => $"{e.Key}={e.Value}")));
    }

    private async ValueTask SendUnimplementedAsync(uint sequence, CancellationToken ct)
    {
        using var w = new SshWriter(8);
        w.WriteByte(SshMessageNumber.Unimplemented);
        w.WriteUInt32(sequence);
        await SendKexMessageAsync(w.ToArray(), ct);
    }

    // ---- key exchange ---------------------------------------------------------------------

    private KexContext? CurrentKexContext { get; set; }

    private bool NeedsRekey(long bytes) =>
        !_inKex && _firstKexDone && (bytes > Settings.RekeyBytesLimit || DateTime.UtcNow - _lastKex > Settings.RekeyInterval);

    private async ValueTask SendKexInitAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            ThrowIfClosed();
            if (!_kexPending) await SendKexInitLockedAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends our KEXINIT and holds back non-kex traffic until our NEWKEYS. Caller holds the write lock.</summary>
    private async ValueTask SendKexInitLockedAsync()
    {
        var kex = new List<string>(Settings.KexAlgorithms);
        if (!_firstKexDone)
        {
            if (Role == SshRole.Client) kex.AddRange(["ext-info-c", StrictClient]);
            else kex.AddRange(["ext-info-s", StrictServer]);
        }
        IReadOnlyList<string> hostKeyAlgorithms = Role == SshRole.Client
            ? Settings.HostKeyAlgorithms
            : Settings.HostKeyAlgorithms.Where(a => Settings.HostKeyFor(a) is not null).ToList();
        var message = new KexInitMessage(kex, hostKeyAlgorithms, Settings.Ciphers, Settings.Ciphers,
            Settings.Macs, Settings.Macs, ["none"], ["none"], false);
        byte[] encoded = message.Encode();
        _localKexInit = encoded;
        _kexPending = true;
        _inKex = true;
        _newKeysSent = false;
        _kexDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _writer.WriteAsync(encoded, _shutdown.Token);
        _log.LogDebug("sent KEXINIT");
    }

    private async ValueTask OnKexInitAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        if (_peerKexInit != null)
            throw new SshProtocolException("the peer sent a second KEXINIT during a key exchange");
        _inKex = true;
        byte[] peerBytes = payload.ToArray();
        KexInitMessage peer = KexInitMessage.Decode(peerBytes);
        await SendKexInitAsync(ct);
        _peerKexInit = peerBytes;
        KexInitMessage local = KexInitMessage.Decode(_localKexInit!);
        if (!_firstKexDone)
        {
            string peerStrict = Role == SshRole.Client ? StrictServer : StrictClient;
            _strictKex = peer.KexAlgorithms.Contains(peerStrict, StringComparer.Ordinal);
            if (_strictKex && _packetBeforeKexInit)
                throw new SshProtocolException("strict key exchange: the peer's first packet was not KEXINIT");
            PeerSupportsExtInfo = peer.KexAlgorithms.Contains(Role == SshRole.Client ? "ext-info-s" : "ext-info-c", StringComparer.Ordinal);
        }
        KexInitMessage client = Role == SshRole.Client ? local : peer;
        KexInitMessage server = Role == SshRole.Client ? peer : local;
        NegotiatedAlgorithms algorithms = AlgorithmNegotiator.Negotiate(client, server);
        Algorithms = algorithms;
        _log.LogDebug("negotiated {Algorithms}", algorithms);
        if (peer.FirstKexPacketFollows)
        {
            string? guessKex = peer.KexAlgorithms.FirstOrDefault(n => !AlgorithmNegotiator.IsPseudoKex(n));
            _ignoreNextKexPacket = guessKex != algorithms.Kex || peer.HostKeyAlgorithms.FirstOrDefault() != algorithms.HostKey;
        }
        string clientId = Role == SshRole.Client ? LocalIdentification : PeerIdentification;
        string serverId = Role == SshRole.Client ? PeerIdentification : LocalIdentification;
        CurrentKexContext = new KexContext(this, clientId, serverId,
            Role == SshRole.Client ? _localKexInit! : _peerKexInit, Role == SshRole.Client ? _peerKexInit : _localKexInit!, algorithms);
        _kexFlow = Role == SshRole.Client
            ? new ClientKexFlow()
            : new Server.KeyExchange.ServerKexFlow();
        await _kexFlow.StartAsync(CurrentKexContext, ct);
    }

    /// <summary>Writes a transport or kex message immediately, even while other traffic waits for NEWKEYS.</summary>
    internal async ValueTask SendKexMessageAsync(byte[] payload, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            ThrowIfClosed();
            await _writer.WriteAsync(payload, _shutdown.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Derives the new keys, sends NEWKEYS and switches our outgoing direction (RFC 4253 §7.3).</summary>
    internal async ValueTask CompleteKeyExchangeAsync(byte[] sharedSecret, byte[] exchangeHash, SshPublicKey hostKey, CancellationToken ct)
    {
        NegotiatedAlgorithms algorithms = Algorithms!;
        if (SessionId.Length == 0) SessionId = exchangeHash;
        HostKey = hostKey;
        KexInfo kex = KeyExchangeMath.GetKex(algorithms.Kex);
        byte[] Derive(char letter, int length) =>
            SessionKeyDerivation.Derive(kex.Hash, sharedSecret, exchangeHash, letter, SessionId, length, kex.SecretIsString);

        bool client = Role == SshRole.Client;
        // Client to server uses letters A (IV), C (key), E (MAC); server to client B, D, F.
        string outCipher = client ? algorithms.CipherClientToServer : algorithms.CipherServerToClient;
        string? outMac = client ? algorithms.MacClientToServer : algorithms.MacServerToClient;
        string inCipher = client ? algorithms.CipherServerToClient : algorithms.CipherClientToServer;
        string? inMac = client ? algorithms.MacServerToClient : algorithms.MacClientToServer;
        char outIv = client ? 'A' : 'B', outKey = client ? 'C' : 'D', outMacKey = client ? 'E' : 'F';
        char inIv = client ? 'B' : 'A', inKey = client ? 'D' : 'C', inMacKey = client ? 'F' : 'E';

        CipherInfo oc = PacketProtection.GetCipher(outCipher);
        CipherInfo ic = PacketProtection.GetCipher(inCipher);
        int outMacLength = outMac == null ? 0 : PacketProtection.GetMac(outMac).KeyLength;
        int inMacLength = inMac == null ? 0 : PacketProtection.GetMac(inMac).KeyLength;
        byte[] oIv = Derive(outIv, oc.IvLength), oKey = Derive(outKey, oc.KeyLength), oMac = Derive(outMacKey, outMacLength);
        byte[] iIv = Derive(inIv, ic.IvLength), iKey = Derive(inKey, ic.KeyLength), iMac = Derive(inMacKey, inMacLength);
        IPacketEncryptor encryptor = PacketProtection.CreateEncryptor(outCipher, outMac, oKey, oIv, oMac);
        _pendingDecryptor = PacketProtection.CreateDecryptor(inCipher, inMac, iKey, iIv, iMac);
        foreach (byte[] secret in new[] { oIv, oKey, oMac, iIv, iKey, iMac })
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);

        await _writeLock.WaitAsync(ct);
        try
        {
            ThrowIfClosed();
            await _writer.WriteAsync(new byte[] { SshMessageNumber.NewKeys }, _shutdown.Token);
            IPacketEncryptor old = _writer.Encryptor;
            _writer.Encryptor = encryptor;
            old.Dispose();
            if (_strictKex) _writer.SequenceNumber = 0;
            _writer.BytesSinceRekey = 0;
            _writer.PacketsSinceRekey = 0;
            _newKeysSent = true;
            _kexPending = false;
            while (_heldBack.TryDequeue(out byte[]? held))
                await _writer.WriteAsync(held, _shutdown.Token);
        }
        finally
        {
            _writeLock.Release();
        }
        if (_newKeysReceived) FinishKeyExchange();
    }

    private void OnNewKeys()
    {
        IPacketDecryptor next = _pendingDecryptor ?? throw new SshProtocolException("the peer sent NEWKEYS before the key exchange finished");
        _pendingDecryptor = null;
        IPacketDecryptor old = _reader.Decryptor;
        _reader.Decryptor = next;
        old.Dispose();
        if (_strictKex) _reader.SequenceNumber = 0;
        _reader.BytesSinceRekey = 0;
        _reader.PacketsSinceRekey = 0;
        _newKeysReceived = true;
        if (_newKeysSent) FinishKeyExchange();
    }

    private void FinishKeyExchange()
    {
        _kexFlow?.Dispose();
        _kexFlow = null;
        CurrentKexContext = null;
        _peerKexInit = null;
        _newKeysReceived = false;
        _lastKex = DateTime.UtcNow;
        _inKex = false;
        Interlocked.Increment(ref _kexCount);
        _kexDone.TrySetResult();
        if (!_firstKexDone)
        {
            _firstKexDone = true;
            _firstKex.TrySetResult();
        }
        _log.LogDebug("key exchange {Count} done: {Algorithms}", _kexCount, Algorithms);
    }

    // ---- shutdown -------------------------------------------------------------------------

    private void ThrowIfClosed()
    {
        if (Fault is { } fault) throw fault as SshException ?? new SshDisconnectedException(fault.Message, inner: fault);
        if (Volatile.Read(ref _disposed) != 0) throw new SshDisconnectedException("the connection is closed");
    }

    private void Close(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _fault, reason, null) != null) return;
        _log.LogDebug("transport closed: {Reason}", reason.Message);
        _firstKex.TrySetException(reason);
        _kexDone.TrySetException(reason);
        _ = _kexDone.Task.Exception;
        _ = _firstKex.Task.Exception;
        try { _shutdown.Cancel(); } catch (ObjectDisposedException) { }
        // A running read loop is ended as at the end of the stream, and disposes the stream when it
        // leaves: cancelling its read instead threw three exceptions on every connection's close.
        if (_readLoop is not { IsCompleted: false } || !EndReads())
        {
            try { _readStop.Cancel(); } catch (ObjectDisposedException) { }
            DisposeStream();
        }
        if (reason is SshDisconnectedException { ReasonCode: (uint)SshDisconnectReason.ByApplication } && reason.Message.StartsWith("disconnected by us", StringComparison.Ordinal))
            _closed.TrySetResult();
        else
            _closed.TrySetException(reason);
        _ = _closed.Task.Exception;
    }

    /// <summary>
    /// Makes the read loop's pending read return 0 without a cancellation, where the stream allows
    /// it: a TCP socket on Linux (shut down both ways: the peer sees our FIN as before, and the
    /// pending receive wakes with an end of stream) or a channel of a jump host. False elsewhere.
    /// </summary>
    private bool EndReads()
    {
        switch (_stream)
        {
            case NetworkStream network when OperatingSystem.IsLinux():
                try
                {
                    network.Socket.Shutdown(SocketShutdown.Both);
                    return true;
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return false; // already reset or closed: cancel the read instead
                }
            case SshChannelStream channel:
                channel.EndReads();
                return true;
            default:
                return false;
        }
    }

    private void DisposeStream()
    {
        try { _stream.Dispose(); } catch (IOException) { }
    }

    /// <summary>Closes the connection (sending DISCONNECT when still connected) and frees the buffers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsConnected) await DisconnectAsync(SshDisconnectReason.ByApplication, "closed");
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Close(new SshDisconnectedException("the connection is closed"));
        if (_readLoop != null)
        {
            try { await _readLoop.WaitAsync(TimeSpan.FromSeconds(5)); }
            catch (TimeoutException)
            {
                // A read loop stuck in a handler: take the stream from under it.
                try { _readStop.Cancel(); } catch (ObjectDisposedException) { }
                DisposeStream();
            }
        }
        await _writeLock.WaitAsync();
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
        _reader.Dispose();
        _pendingDecryptor?.Dispose();
        _kexFlow?.Dispose();
        _shutdown.Dispose();
        _readStop.Dispose();
    }
}
