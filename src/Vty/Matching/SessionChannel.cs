using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Vty.Drivers;
using Vty.Text;

namespace Vty.Matching;

/// <summary>
/// The expect engine on a byte stream: one read loop decodes what arrives (streaming decoder),
/// cleans it (<see cref="TerminalCleaner"/>), appends it to a bounded buffer and wakes the one
/// waiting Expect/WaitFor, which scans incrementally (<see cref="PatternScanner"/>). Monitors,
/// the data event, the redacted transcript and interact passthrough hang off the same loop.
/// Sends are serialised. When <see cref="SessionChannelOptions.MaxOutput"/> bytes arrived, or as
/// many characters are held, without being consumed by a match, the loop stops reading
/// (back-pressure) and a waiting scan fails: a device streaming without end costs bounded memory.
/// </summary>
internal sealed partial class SessionChannel : IAsyncDisposable
{
    private const int TailChars = 1024;
    private const int MinimumSecretLength = 2;
    private const string Redacted = "********";

    private readonly object _gate = new();
    private readonly Stream _stream;
    private readonly SessionChannelOptions _options;
    private readonly Decoder _decoder;
    private readonly TerminalCleaner _cleaner = new();
    private readonly StringBuilder _cleanOut = new();
    private readonly ReceiveBuffer _buffer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _head = new();
    private readonly KeyValuePair<string, object?> _transportTag;
    private readonly OsGuesser? _guesser;
    private readonly List<string> _secrets = [];
    private char[] _scratch = new char[8192];
    private TaskCompletionSource _dataSignal = NewSignal();
    private TaskCompletionSource _spaceSignal = NewSignal();
    private MonitorEntry[] _monitors = [];
    private Waiter? _activeWaiter;
    private Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? _passthrough;
    private Task? _readLoop;
    private bool _captureHead = true;
    private bool _eof;
    private Exception? _fault;
    private int _closed;
    private long _charsExamined;
    private long _scans;

    public SessionChannel(Stream stream, SessionChannelOptions options)
    {
        _stream = stream;
        _options = options;
        _decoder = options.Encoding.GetDecoder();
        _buffer = new ReceiveBuffer(options.KeepRawBytes);
        _guesser = options.Guesser;
        _transportTag = new(Diagnostics.VtyTelemetry.ProtocolTag, options.Transport);
    }

    /// <summary>Raised on the read loop for every chunk: the decoded (uncleaned) text and the raw bytes.</summary>
    public event Action<ReadOnlyMemory<char>, ReadOnlyMemory<byte>>? DataReceived;

    /// <summary>True once the device closed the stream or reading failed.</summary>
    public bool IsEndOfStream
    {
        get
        {
            lock (_gate)
                return _eof;
        }
    }

    /// <summary>Total raw bytes received.</summary>
    public long BytesReceived
    {
        get
        {
            lock (_gate)
                return _buffer.RawEnd;
        }
    }

    /// <summary>
    /// Characters the channel copied, wrote, compared or handed to a regex so far, and how many
    /// scans it ran: tests hold the work per received character to a bound.
    /// </summary>
    internal (long Chars, long Scans) Work
    {
        get
        {
            lock (_gate)
                return (_charsExamined + _buffer.CharsTouched, _scans);
        }
    }

    /// <summary>Starts the read loop.</summary>
    public void Start() => _readLoop ??= Task.Run(ReadLoopAsync);

    /// <summary>Unconsumed cleaned text.</summary>
    public string BufferedText
    {
        get
        {
            lock (_gate)
                return _buffer.GetString(_buffer.Consumed, _buffer.End);
        }
    }

    /// <summary>The first cleaned text of the session (banner, login dialog, first prompt) while it is captured.</summary>
    public string Head
    {
        get
        {
            lock (_gate)
            {
                if (!_captureHead)
                    return _head.ToString();
                return _head.ToString() + _buffer.GetString(_buffer.CommittedEnd, _buffer.End);
            }
        }
    }

    /// <summary>The OS guess from what was captured so far (current line included), or null without a guesser.</summary>
    public (Driver Driver, int Confidence)? GuessOs()
    {
        if (_guesser is null)
            return null;
        lock (_gate)
        {
            if (_captureHead)
                _guesser.SetCurrentLine(_buffer.Slice(_buffer.CommittedEnd, _buffer.End));
            return _guesser.Best;
        }
    }

    /// <summary>The current (last, unterminated) line.</summary>
    public string CurrentLine
    {
        get
        {
            lock (_gate)
                return _buffer.GetString(_buffer.CommittedEnd, _buffer.End);
        }
    }

    /// <summary>Completes when the read loop has ended (device closed, failure or close).</summary>
    public Task Completion => _readLoop ?? Task.CompletedTask;

    /// <summary>Stops capturing the head (after login: OS guessing is done by then).</summary>
    public void StopHeadCapture()
    {
        lock (_gate)
        {
            if (!_captureHead)
                return;
            int room = _options.HeadCaptureChars - _head.Length;
            if (room > 0)
                _head.Append(_buffer.Slice(_buffer.CommittedEnd, _buffer.CommittedEnd + room));
            _guesser?.SetCurrentLine(_buffer.Slice(_buffer.CommittedEnd, _buffer.End));
            _captureHead = false;
        }
    }

    /// <summary>Sends text (already encoded by the session encoding); secret text is never logged.</summary>
    public async Task SendAsync(string text, bool secret, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        if (secret)
            AddSecret(text.TrimEnd('\r', '\n'));
        if (_options.Logger.IsEnabled(LogLevel.Debug))
            _options.Logger.LogDebug("{Name} send {Text}", _options.Name, secret ? "<secret>" : Printable(text));

        int count = _options.Encoding.GetByteCount(text);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Math.Max(count, 1));
        try
        {
            _options.Encoding.GetBytes(text, bytes);
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(bytes.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                Diagnostics.VtyMetrics.BytesSent.Add(count, _transportTag);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionClosedException("Sending to the device failed: the session is closed.", Tail(), ex);
        }
        finally
        {
            if (secret)
                Array.Clear(bytes, 0, count);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Sends bytes as they are (interactive keystrokes).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionClosedException("Sending to the device failed: the session is closed.", Tail(), ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// While set, every received chunk is handed to <paramref name="passthrough"/> as raw bytes and
    /// nothing is kept for matching (interactive sessions). Returns the raw bytes that were still
    /// unconsumed, so the caller can show them first.
    /// </summary>
    public byte[] SetPassthrough(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? passthrough)
    {
        TaskCompletionSource space;
        ReceivedBytes pending;
        lock (_gate)
        {
            _passthrough = passthrough;
            pending = ConsumeLocked(_buffer.End);
            space = SwapSpaceSignal();
        }

        space.TrySetResult();
        return pending.ToArray();
    }

    /// <summary>The last ~1 KB of unconsumed text.</summary>
    public string Tail()
    {
        lock (_gate)
            return TailLocked();
    }

    /// <summary>Closes the stream and ends the read loop; never throws.</summary>
    public async ValueTask CloseAsync(bool force)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        if (!force)
        {
            // Let a send in progress finish so the device gets whole commands.
            if (await _sendLock.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false))
                _sendLock.Release();
        }

        // A stream that ends a pending read with 0 when disposed lets the read loop leave as at the
        // end of the stream; cancelling it first would throw through three awaits on every
        // session's close. Other streams are cancelled first, as their disposal may fail a read.
        bool endsReadsOnDispose = _options.EndsReadsOnDispose;
        if (!endsReadsOnDispose)
            await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            _options.Logger.LogDebug(ex, "{Name} closing the stream failed", _options.Name);
        }
        if (endsReadsOnDispose)
            await _stop.CancelAsync().ConfigureAwait(false);

        if (_readLoop is not null)
        {
            try
            {
                await _readLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _options.Logger.LogWarning("{Name} read loop did not stop within 5 s of closing", _options.Name);
            }
        }
        else
        {
            MarkEndOfStream(null);
        }
    }

    public ValueTask DisposeAsync() => CloseAsync(force: true);

    private async Task ReadLoopAsync()
    {
        var token = _stop.Token;
        int readSize = _options.ReadSize;
        byte[] bytes = ArrayPool<byte>.Shared.Rent(readSize);
        Exception? fault = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await WaitForSpaceAsync(token).ConfigureAwait(false);
                int n = await _stream.ReadAsync(bytes.AsMemory(0, readSize), token).ConfigureAwait(false);
                if (n == 0)
                    break;
                Diagnostics.VtyMetrics.BytesReceived.Add(n, _transportTag);
                if (_options.Logger.IsEnabled(LogLevel.Trace))
                    _options.Logger.LogTrace("{Name} received {Count} bytes", _options.Name, n);
                // Characters are rented per read, not per session: a session holding a 64 KiB array
                // while it waits for its device made hundreds of concurrent sessions outgrow the
                // shared pool, which then allocated and dropped one per session (about a tenth of
                // a fleet run's allocation). As many characters as bytes, decoded piecewise:
                // GetMaxCharCount would ask for four times that with the Latin-1 fallback.
                char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(n, 16));
                try
                {
                    for (int used = 0; used < n;)
                    {
                        _decoder.Convert(bytes, used, n - used, chars, 0, chars.Length, flush: false, out int bytesUsed, out int charCount, out _);
                        await ProcessChunkAsync(bytes.AsMemory(used, bytesUsed), chars.AsMemory(0, charCount), token).ConfigureAwait(false);
                        used += bytesUsed;
                    }
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(chars);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (Volatile.Read(ref _closed) != 0 && ex is IOException or ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            fault = ex;
            _options.Logger.LogDebug(ex, "{Name} reading failed", _options.Name);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            string? rest = MarkEndOfStream(fault);
            await WriteTranscriptAsync(rest, flush: true).ConfigureAwait(false);
        }
    }

    private async ValueTask ProcessChunkAsync(ReadOnlyMemory<byte> raw, ReadOnlyMemory<char> text, CancellationToken token)
    {
        var passthrough = _passthrough;
        if (passthrough is not null)
            await passthrough(raw, token).ConfigureAwait(false);

        string? committedText;
        List<(MonitorEntry Monitor, Match Match)>? fired;
        TaskCompletionSource signal;
        lock (_gate)
        {
            _buffer.AppendRaw(raw.Span);
            long committedBefore = _buffer.CommittedEnd;
            _cleaner.Feed(text.Span, _cleanOut);
            committedText = Commit();
            if (_passthrough is not null)
                _buffer.ConsumeAll();
            fired = ScanMonitors(committedBefore);
            signal = SwapDataSignal();
        }

        // Handlers and monitors see the data before a waiting Expect returns with it.
        var handler = DataReceived;
        if (handler is not null)
        {
            try
            {
                handler(text, raw);
            }
            catch (Exception ex)
            {
                _options.Logger.LogWarning(ex, "{Name} a DataReceived handler failed", _options.Name);
            }
        }

        if (fired is not null)
        {
            foreach (var (monitor, match) in fired)
            {
                try
                {
                    monitor.Callback(monitor.Pattern, match);
                }
                catch (Exception ex)
                {
                    _options.Logger.LogWarning(ex, "{Name} a monitor callback for {Pattern} failed", _options.Name, monitor.Pattern);
                }
            }
        }

        signal.TrySetResult();
        await WriteTranscriptAsync(committedText, flush: false).ConfigureAwait(false);
    }

    // Moves final lines from the cleaner's output into the buffer; the current line stays provisional.
    // Between calls the output holds just the current line, of which the cleaner reports how much
    // it left unchanged: only the rest is copied and searched for line breaks, so a long line
    // growing a few characters per read costs what arrives (issue 16).
    private string? Commit()
    {
        int length = _cleanOut.Length;
        int unchanged = Math.Clamp(_cleaner.OutputLowWater, 0, length);
        int freshLength = length - unchanged;
        if (_scratch.Length < freshLength)
            _scratch = new char[Math.Max(freshLength, _scratch.Length * 2)];
        _cleanOut.CopyTo(unchanged, _scratch, 0, freshLength);
        _charsExamined += freshLength;
        var fresh = _scratch.AsSpan(0, freshLength);
        int boundary = fresh.LastIndexOf('\n') is var newline and >= 0 ? unchanged + newline + 1 : 0;

        // A line without end is committed down to the cleaner's editable length only once it is
        // twice that long, so the part kept is moved once per MaxLineLength characters received
        // rather than on every read.
        if (length - boundary > 2 * TerminalCleaner.MaxLineLength)
            boundary = length - TerminalCleaner.MaxLineLength;

        long committedBefore = _buffer.CommittedEnd;
        _buffer.Update(unchanged, fresh, boundary);
        if (boundary > 0)
            KeepCleanOutFrom(boundary);

        if (boundary == 0 || (!_captureHead && _options.Transcript is null))
            return null;
        var committed = _buffer.Slice(committedBefore, _buffer.CommittedEnd);
        if (_captureHead)
        {
            if (_head.Length < _options.HeadCaptureChars)
                _head.Append(committed[..Math.Min(committed.Length, _options.HeadCaptureChars - _head.Length)]);
            _guesser?.Feed(committed);
        }

        return _options.Transcript is null ? null : new string(committed);
    }

    // Drops the committed start of the cleaner's output. Not Remove(0, n): on a builder that grew
    // past one chunk it leaves the chunks in place and every later append allocates a new one;
    // Clear keeps one chunk.
    private void KeepCleanOutFrom(int start)
    {
        int keep = _cleanOut.Length - start;
        if (_scratch.Length < keep)
            _scratch = new char[Math.Max(keep, _scratch.Length * 2)];
        _cleanOut.CopyTo(start, _scratch, 0, keep);
        _charsExamined += 2L * keep;
        _cleanOut.Clear();
        _cleanOut.Append(_scratch, 0, keep);
    }

    private string? MarkEndOfStream(Exception? fault)
    {
        TaskCompletionSource data;
        TaskCompletionSource space;
        string? rest = null;
        lock (_gate)
        {
            if (_eof)
                return null;
            _eof = true;
            _fault = fault;
            if (_options.Transcript is not null)
                rest = _buffer.GetString(_buffer.CommittedEnd, _buffer.End);
            data = SwapDataSignal();
            space = SwapSpaceSignal();
        }

        data.TrySetResult();
        space.TrySetResult();
        return rest;
    }

    private async ValueTask WaitForSpaceAsync(CancellationToken token)
    {
        while (true)
        {
            Task space;
            lock (_gate)
            {
                if (!IsOverLimit())
                    return;
                space = _spaceSignal.Task;
            }

            await space.WaitAsync(token).ConfigureAwait(false);
        }
    }

    private bool IsOverLimit() =>
        _buffer.UnconsumedChars >= _options.MaxOutput || _buffer.UnconsumedBytes >= _options.MaxOutput;

    private string TailLocked()
    {
        long from = Math.Max(_buffer.Consumed, _buffer.End - TailChars);
        string tail = _buffer.GetString(from, _buffer.End);
        foreach (string secret in _secrets)
            tail = tail.Replace(secret, Redacted, StringComparison.Ordinal);
        return tail;
    }

    private TaskCompletionSource SwapDataSignal()
    {
        var old = _dataSignal;
        _dataSignal = NewSignal();
        return old;
    }

    private TaskCompletionSource SwapSpaceSignal()
    {
        var old = _spaceSignal;
        _spaceSignal = NewSignal();
        return old;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static IReadOnlyList<string> Sources(IReadOnlyList<MatchPattern> patterns) =>
        patterns.Select(p => p.Regex.ToString()).ToArray();

    private static string Describe(IReadOnlyList<MatchPattern> patterns) => string.Join(" | ", Sources(patterns));

    private static string Printable(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
