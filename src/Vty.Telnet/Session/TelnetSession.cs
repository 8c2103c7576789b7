using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vty.Telnet.Negotiation;
using Vty.Telnet.Protocol;

namespace Vty.Telnet.Session;

/// <summary>
/// One Telnet connection, either end. A receive pump (an async loop, not a thread) parses the
/// socket, answers negotiation at once whether or not the application reads, and queues
/// application data in pooled chunks on a bounded channel; when the channel is full the pump
/// stops reading and TCP pushes back on the peer.
/// </summary>
internal sealed partial class TelnetSession : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private readonly TelnetSessionSettings _settings;
    private readonly ILogger _logger;
    private readonly TelnetParser _parser;
    private readonly OptionNegotiator _negotiator;
    private readonly Channel<DataChunk> _received;
    // How long closing waits for the receive pump to see the shut-down socket before cancelling it.
    private static readonly TimeSpan PumpStopWait = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationToken _lifetimeToken;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly List<Action> _notifications = [];
    private TaskCompletionSource _stateChanged = NewSignal();
    private Task _pump = Task.CompletedTask;
    private int _disposed;
    private int _stateWaiters;
    private volatile bool _receiveEnded;

    public TelnetSession(Socket socket, TelnetSessionSettings settings)
    {
        _socket = socket;
        _socket.NoDelay = true;
        // A client reads with quick acknowledgements (see QuickAckNetworkStream); a server needs none.
        _network = settings.IsServer ? new NetworkStream(socket, ownsSocket: true) : new Vty.Shared.QuickAckNetworkStream(socket);
        _settings = settings;
        _lifetimeToken = _lifetime.Token;
        _logger = settings.Logger;
        _columns = settings.Columns;
        _rows = settings.Rows;
        _parser = new TelnetParser(this, settings.MaxSubnegotiationLength);
        _negotiator = new OptionNegotiator(this);
        _received = Channel.CreateBounded<DataChunk>(new BoundedChannelOptions(settings.ReceiveQueueChunks)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        RemoteEndPoint = socket.RemoteEndPoint ?? new IPEndPoint(IPAddress.None, 0);
    }

    public EndPoint RemoteEndPoint { get; }

    /// <summary>Completes when the receive side has ended (peer closed, error, or disposal).</summary>
    public Task Completion => _pump;

    /// <summary>True once the peer closed its side or the session failed.</summary>
    public bool ReceiveEnded => _receiveEnded;

    public void Start() => _pump = Task.Run(PumpAsync);

    /// <summary>Next received chunk of application data; <c>default</c> at end of stream.</summary>
    public async ValueTask<DataChunk> ReadChunkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_received.Reader.TryRead(out var chunk))
            {
                return chunk;
            }

            if (!await _received.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return default;
            }
        }
    }

    private async Task PumpAsync()
    {
        var input = ArrayPool<byte>.Shared.Rent(_settings.ReceiveBufferSize);
        Exception? failure = null;
        try
        {
            var token = _lifetimeToken;
            while (true)
            {
                var n = await _network.ReadAsync(input, token).ConfigureAwait(false);
                if (n == 0)
                {
                    if (_parser.InSubnegotiation)
                    {
                        LogUnterminatedSubnegotiation(
                            _logger, TelnetBytes.OptionName(_parser.SubnegotiationOption), _parser.SubnegotiationLength);
                    }

                    break;
                }

                var output = ArrayPool<byte>.Shared.Rent(n);
                int length;
                try
                {
                    lock (_gate)
                    {
                        length = _parser.Parse(input.AsSpan(0, n), output);
                    }
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(output);
                    throw;
                }

                RaiseNotifications();
                if (PendingControlLength > MaxPendingControl)
                {
                    await FlushControlAsync(token).ConfigureAwait(false);
                }
                else
                {
                    KickControlFlush();
                }

                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(output);
                    continue;
                }

                try
                {
                    await _received.Writer.WriteAsync(new DataChunk(output, length), token).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(output);
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (Volatile.Read(ref _disposed) != 0 && ex is IOException or SocketException or ObjectDisposedException)
        {
        }
        catch (TelnetException ex)
        {
            failure = ex;
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            failure = new TelnetConnectionException($"The Telnet connection to {RemoteEndPoint} broke: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }

        if (failure is not null)
        {
            LogReceiveFailed(_logger, RemoteEndPoint, failure.Message);
            _socket.Dispose();
        }

        // Set before the signal: a waiter woken by it must see that nothing more will change.
        _receiveEnded = true;
        _received.Writer.TryComplete(failure);
        Signal();
    }

    /// <summary>Waits until <paramref name="condition"/> holds (checked under the state lock) or the receive side ends.</summary>
    public async Task<bool> WaitForStateAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Running out of time is an answer here, not an error (a server asks every client for its
        // terminal type, and many never answer): the wait ends without an exception for it. The
        // caller's cancellation ends it too, and that one throws.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task expired = Task.Delay(timeout, stop.Token);
        lock (_gate)
        {
            _stateWaiters++;
        }

        try
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (condition())
                    {
                        return true;
                    }

                    changed = _stateChanged.Task;
                }

                if (ReceiveEnded)
                {
                    return false;
                }

                if (await Task.WhenAny(changed, expired).ConfigureAwait(false) == expired)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return false;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _stateWaiters--;
            }
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _stateChanged;
            _stateChanged = NewSignal();
        }

        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void RaiseNotifications()
    {
        Action[] pending;
        lock (_gate)
        {
            if (_notifications.Count == 0)
            {
                return;
            }

            pending = [.. _notifications];
            _notifications.Clear();
        }

        foreach (var notify in pending)
        {
            try
            {
                notify();
            }
            catch (Exception ex)
            {
                LogHandlerFailed(_logger, ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // A client shuts its socket down first: on Linux the pump's pending receive then ends with 0,
        // as at the end of the stream (the reader of the data gets 0 too), where cancelling it threw
        // on every close. Elsewhere, or when the pump waits for room in a full queue, the lifetime
        // token stops it below. A server keeps its order (cancel, then shut down): shutting down
        // first made a server stopping under 20 connected clients reset connections that its
        // clients were still reading to their end (MisbehavingClientTests), instead of ending them.
        if (!_settings.IsServer)
        {
            bool shut = TryShutdown();
            // Waiting only helps a pump that can get to its next receive: one blocked on a full
            // queue (nobody reads any more) would hold every close for the whole wait.
            if (shut && OperatingSystem.IsLinux() && _received.Reader.Count < _settings.ReceiveQueueChunks)
            {
                await EndsWithinAsync(_pump, PumpStopWait).ConfigureAwait(false);
            }
        }

        // Writers still waiting, and a pump that has not ended, stop here.
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_settings.IsServer)
        {
            TryShutdown();
        }

        await _network.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, ex);
        }

        while (_received.Reader.TryRead(out var chunk))
        {
            chunk.Return();
        }

        _lifetime.Dispose();
    }

    private bool TryShutdown()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer or by a failure: nothing left to shut down.
            return false;
        }
    }

    // Waits for a task without throwing (it may fail or be cancelled): true when it ended within the limit.
    private static async Task<bool> EndsWithinAsync(Task task, TimeSpan limit)
    {
        using var timer = new CancellationTokenSource();
        Task first = await Task.WhenAny(task, Task.Delay(limit, timer.Token)).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        return first == task;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnet peer {RemoteEndPoint}: receive failed: {Reason}")]
    private static partial void LogReceiveFailed(ILogger logger, EndPoint remoteEndPoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telnet stream ended inside a subnegotiation of option {Option} after {Length} bytes")]
    private static partial void LogUnterminatedSubnegotiation(ILogger logger, string option, long length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Telnet event handler threw")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
