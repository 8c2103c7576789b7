using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Connection;

/// <summary>
/// The connection protocol (RFC 4254) over an authenticated transport, for either role: the
/// channel table, channel open/confirm/failure, global requests and replies, and dispatch of
/// every channel message. The client installs <see cref="HandleMessageAsync"/> as the transport's
/// message handler once authentication succeeds; the server calls it from its own dispatch loop.
/// Every channel type (session, forwarding, agent, subsystems) is built on this one layer.
/// </summary>
public sealed class SshConnection
{
    /// <summary>Receive window granted to each channel (bytes the peer may send before we re-open it).</summary>
    public const uint DefaultWindowSize = 2 * 1024 * 1024;

    /// <summary>Largest data packet we accept per channel the peer opens, and the most we send in one.</summary>
    public const uint DefaultMaxPacket = 32 * 1024;

    /// <summary>
    /// Largest data packet we accept on channels we open. Above <see cref="DefaultMaxPacket"/>: a
    /// bulk download from OpenSSH then arrives in 64 KiB packets, half as many to encrypt, send,
    /// receive and decrypt (256 MiB over SFTP: about 10 % less CPU on each side than at 32 KiB).
    /// </summary>
    public const uint OpenedChannelMaxPacket = 64 * 1024;

    /// <summary>Default for <see cref="MaxChannels"/>.</summary>
    public const int DefaultMaxChannels = 1024;

    private readonly Dictionary<uint, SshChannel> _channels = new();
    private readonly Dictionary<uint, TaskCompletionSource<bool>> _opening = new();
    private readonly Queue<TaskCompletionSource<(bool Success, byte[] Data)>> _globalReplies = new();
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _send;
    private readonly Func<ReadOnlyMemory<byte>[], int, CancellationToken, ValueTask>? _sendMany;
    private readonly ILogger _log;
    private uint _nextId;
    private Exception? _failure;

    /// <summary>A connection on <paramref name="transport"/>; its channels fail when the transport ends.</summary>
    public SshConnection(SshTransport transport, ILogger? logger = null)
        : this(transport.SendAsync, logger, transport.SendManyAsync)
    {
        Transport = transport;
        PeerGone = () => !transport.IsConnected;
        _ = transport.Completion.ContinueWith(t => Fail(t.Exception?.InnerException ?? new SshDisconnectedException("the connection is closed")),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>A connection whose owner sends through <paramref name="send"/>, feeds it messages and calls <see cref="Fail"/> at the end.</summary>
    internal SshConnection(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send, ILogger? logger,
        Func<ReadOnlyMemory<byte>[], int, CancellationToken, ValueTask>? sendMany = null)
    {
        _send = send;
        _sendMany = sendMany;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>The transport this connection runs on (null when its owner feeds it messages itself, as the server does).</summary>
    public SshTransport? Transport { get; }

    /// <summary>
    /// True once the peer has gone (its DISCONNECT, a closed socket, or our own close), possibly
    /// before the channels have been failed, or while the owner's queue still holds messages:
    /// replies to those (a CLOSE answering the peer's CLOSE), EOF and requests without a reply are
    /// skipped instead of failing.
    /// </summary>
    internal Func<bool>? PeerGone { get; init; }

    /// <summary>Most channels open at once (both directions); a peer opening more breaks the connection (<see cref="SshChannelLimitException"/>).</summary>
    public int MaxChannels { get; init; } = DefaultMaxChannels;

    /// <summary>
    /// Decides about channels the peer opens (server role: "session", "direct-tcpip"; client role:
    /// "forwarded-tcpip", "auth-agent@openssh.com"). Called on the dispatch loop with the new
    /// channel; return true to accept, false to refuse as administratively prohibited, or throw
    /// <see cref="SshChannelOpenException"/> to refuse with its reason code and description. The
    /// channel may be handed to a task at once: its sends wait until the confirmation is out.
    /// Without a handler every incoming channel is refused.
    /// </summary>
    public Func<SshChannelOpenRequest, SshChannel, CancellationToken, ValueTask<bool>>? ChannelOpenHandler { get; set; }

    /// <summary>
    /// Answers global requests from the peer: null for failure, or the response data (empty for a
    /// plain success; "tcpip-forward" to port 0 answers with the port bound). Without one, all fail.
    /// </summary>
    public Func<SshGlobalRequest, CancellationToken, ValueTask<byte[]?>>? GlobalRequestHandler { get; set; }

    /// <summary>Channels currently open.</summary>
    public int ChannelCount
    {
        get { lock (_channels) return _channels.Count; }
    }

    /// <summary>Opens a channel and waits for the peer's confirmation; throws <see cref="SshChannelOpenException"/> on refusal.</summary>
    public async Task<SshChannel> OpenChannelAsync(string channelType, Action<SshWriter>? writeData, CancellationToken ct)
    {
        SshChannel channel;
        var confirmation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_channels)
        {
            if (_failure != null) throw _failure;
            if (_channels.Count >= MaxChannels) throw new SshException($"too many channels open ({MaxChannels}); close some first");
            uint id = AllocateId();
            channel = new SshChannel(this, id, channelType, DefaultWindowSize, OpenedChannelMaxPacket);
            _channels[id] = channel;
            _opening[id] = confirmation;
        }
        using var w = new SshWriter(64);
        w.WriteByte(SshMessageNumber.ChannelOpen);
        w.WriteString(channelType);
        w.WriteUInt32(channel.LocalId);
        w.WriteUInt32(DefaultWindowSize);
        w.WriteUInt32(OpenedChannelMaxPacket);
        writeData?.Invoke(w);
        try
        {
            await _send(w.WrittenMemory, ct);
            await confirmation.Task.WaitAsync(ct);
            return channel;
        }
        catch
        {
            lock (_channels)
            {
                _opening.Remove(channel.LocalId);
                if (!confirmation.Task.IsCompletedSuccessfully) _channels.Remove(channel.LocalId);
            }
            if (confirmation.Task.IsCompletedSuccessfully) await channel.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a global request; with <paramref name="wantReply"/> returns the peer's answer and response data.</summary>
    public async Task<(bool Success, byte[] Data)> SendGlobalRequestAsync(string name, bool wantReply, Action<SshWriter>? writeData, CancellationToken ct)
    {
        using var w = new SshWriter(64);
        w.WriteByte(SshMessageNumber.GlobalRequest);
        w.WriteString(name);
        w.WriteBoolean(wantReply);
        writeData?.Invoke(w);
        TaskCompletionSource<(bool, byte[])>? reply = null;
        if (wantReply)
        {
            reply = new TaskCompletionSource<(bool, byte[])>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_globalReplies)
            {
                if (_failure != null) throw _failure;
                _globalReplies.Enqueue(reply);
            }
        }
        await _send(w.WrittenMemory, ct);
        return reply == null ? (true, []) : await reply.Task.WaitAsync(ct);
    }

    /// <summary>Handles one connection-protocol message (80–100); other numbers are ignored.</summary>
    public async ValueTask HandleMessageAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        byte number = payload.Span[0];
        switch (number)
        {
            case SshMessageNumber.GlobalRequest:
                await OnGlobalRequestAsync(payload, ct);
                return;
            case SshMessageNumber.RequestSuccess:
            case SshMessageNumber.RequestFailure:
            {
                TaskCompletionSource<(bool, byte[])>? reply;
                lock (_globalReplies) _globalReplies.TryDequeue(out reply);
                if (reply == null)
                {
                    _log.LogDebug("ignoring a global request reply nobody asked for");
                    return;
                }
                reply.TrySetResult((number == SshMessageNumber.RequestSuccess, payload.Span[1..].ToArray()));
                return;
            }
            case SshMessageNumber.ChannelOpen:
                await OnChannelOpenAsync(payload, ct);
                return;
        }
        if (number < SshMessageNumber.ChannelOpenConfirmation || number > SshMessageNumber.ChannelFailure)
        {
            _log.LogDebug("ignoring unexpected message {Number}", number);
            return;
        }
        var r = new SshReader(payload.Span[1..]);
        uint id = r.ReadUInt32();
        SshChannel channel = Find(id) ?? throw new SshProtocolException($"message {number} for channel {id}, which is not open");
        switch (number)
        {
            case SshMessageNumber.ChannelOpenConfirmation:
            {
                uint remoteId = r.ReadUInt32();
                uint window = r.ReadUInt32();
                uint maxPacket = r.ReadUInt32();
                TaskCompletionSource<bool>? waiter;
                lock (_channels)
                {
                    _opening.Remove(id, out waiter);
                }
                if (waiter == null) throw new SshProtocolException($"unexpected open confirmation for channel {id}");
                channel.OnOpened(remoteId, window, maxPacket);
                channel.MarkReady();
                waiter.TrySetResult(true);
                return;
            }
            case SshMessageNumber.ChannelOpenFailure:
            {
                uint reason = r.ReadUInt32();
                string description = r.AtEnd ? "" : r.ReadString();
                TaskCompletionSource<bool>? waiter;
                lock (_channels)
                {
                    _opening.Remove(id, out waiter);
                    _channels.Remove(id);
                }
                waiter?.TrySetException(new SshChannelOpenException(reason, description));
                return;
            }
            case SshMessageNumber.ChannelWindowAdjust:
                channel.OnWindowAdjust(r.ReadUInt32());
                return;
            case SshMessageNumber.ChannelData:
                await channel.OnDataAsync(r.ReadStringBytes(), null, ct);
                return;
            case SshMessageNumber.ChannelExtendedData:
            {
                uint type = r.ReadUInt32();
                await channel.OnDataAsync(r.ReadStringBytes(), type, ct);
                return;
            }
            case SshMessageNumber.ChannelEof:
                channel.OnEof();
                return;
            case SshMessageNumber.ChannelClose:
                await channel.OnCloseAsync(ct);
                return;
            case SshMessageNumber.ChannelRequest:
            {
                string type = r.ReadString();
                bool wantReply = r.ReadBoolean();
                ReadOnlyMemory<byte> data = payload[(1 + r.Position)..];
                await channel.OnRequestAsync(new SshChannelRequest(type, wantReply, data), ct);
                return;
            }
            case SshMessageNumber.ChannelSuccess:
            case SshMessageNumber.ChannelFailure:
                channel.OnRequestReply(number == SshMessageNumber.ChannelSuccess);
                return;
        }
    }

    /// <summary>Channels open now (a snapshot).</summary>
    internal SshChannel[] SnapshotChannels()
    {
        lock (_channels) return [.. _channels.Values];
    }

    internal ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct) => _send(payload, ct);

    /// <summary>Sends several messages in order, in one transport write when the owner supports it.</summary>
    internal async ValueTask SendManyAsync(ReadOnlyMemory<byte>[] payloads, int count, CancellationToken ct)
    {
        if (_sendMany != null)
        {
            await _sendMany(payloads, count, ct).ConfigureAwait(false);
            return;
        }
        for (int i = 0; i < count; i++) await _send(payloads[i], ct).ConfigureAwait(false);
    }

    private async ValueTask OnGlobalRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var r = new SshReader(payload.Span[1..]);
        string name = r.ReadString();
        bool wantReply = r.ReadBoolean();
        ReadOnlyMemory<byte> data = payload[(1 + r.Position)..];
        byte[]? response = GlobalRequestHandler == null ? null : await GlobalRequestHandler(new SshGlobalRequest(name, wantReply, data), ct);
        if (response == null) _log.LogDebug("global request {Name} refused", name);
        if (!wantReply) return;
        if (response == null)
        {
            await _send(new[] { SshMessageNumber.RequestFailure }, ct);
            return;
        }
        using var w = new SshWriter(1 + response.Length);
        w.WriteByte(SshMessageNumber.RequestSuccess);
        w.WriteRaw(response);
        await _send(w.WrittenMemory, ct);
    }

    private async ValueTask OnChannelOpenAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var r = new SshReader(payload.Span[1..]);
        string type = r.ReadString();
        uint remoteId = r.ReadUInt32();
        uint window = r.ReadUInt32();
        uint maxPacket = r.ReadUInt32();
        ReadOnlyMemory<byte> data = payload[(1 + r.Position)..];
        SshChannel? channel = null;
        lock (_channels)
        {
            if (ChannelOpenHandler != null)
            {
                if (_channels.Count >= MaxChannels)
                    throw new SshChannelLimitException($"the peer opened more than {MaxChannels} channels at once");
                channel = new SshChannel(this, AllocateId(), type, DefaultWindowSize, DefaultMaxPacket);
                _channels[channel.LocalId] = channel;
            }
        }
        uint reason = 1;
        string description = $"channel type '{type}' is not accepted";
        bool accepted = false;
        if (channel != null)
        {
            channel.OnOpened(remoteId, window, maxPacket);
            try
            {
                accepted = await ChannelOpenHandler!(new SshChannelOpenRequest(type, data), channel, ct);
            }
            catch (SshChannelOpenException refusal)
            {
                reason = refusal.ReasonCode;
                description = refusal.Description;
            }
            if (!accepted) channel.Fail(new SshChannelOpenException(reason, description));
        }
        using var w = new SshWriter(64);
        if (accepted)
        {
            w.WriteByte(SshMessageNumber.ChannelOpenConfirmation);
            w.WriteUInt32(remoteId);
            w.WriteUInt32(channel!.LocalId);
            w.WriteUInt32(DefaultWindowSize);
            w.WriteUInt32(DefaultMaxPacket);
        }
        else
        {
            w.WriteByte(SshMessageNumber.ChannelOpenFailure);
            w.WriteUInt32(remoteId);
            w.WriteUInt32(reason);
            w.WriteString(description);
            w.WriteString("");
        }
        await _send(w.WrittenMemory, ct);
        if (accepted) channel!.MarkReady();
    }

    private uint AllocateId()
    {
        while (_channels.ContainsKey(_nextId)) _nextId++;
        return _nextId++;
    }

    private SshChannel? Find(uint id)
    {
        lock (_channels) return _channels.GetValueOrDefault(id);
    }

    internal void Release(SshChannel channel)
    {
        lock (_channels)
        {
            if (_channels.TryGetValue(channel.LocalId, out SshChannel? current) && current == channel)
                _channels.Remove(channel.LocalId);
        }
    }

    /// <summary>The connection is over: every channel, open and request fails with <paramref name="reason"/>.</summary>
    internal void Fail(Exception reason)
    {
        SshChannel[] channels;
        TaskCompletionSource<bool>[] opening;
        lock (_channels)
        {
            _failure ??= reason;
            channels = [.. _channels.Values];
            opening = [.. _opening.Values];
            _opening.Clear();
        }
        foreach (var o in opening) o.TrySetException(reason);
        foreach (var c in channels) c.Fail(reason);
        lock (_globalReplies)
        {
            _failure ??= reason;
            while (_globalReplies.TryDequeue(out var reply)) reply.TrySetException(reason);
        }
    }
}
