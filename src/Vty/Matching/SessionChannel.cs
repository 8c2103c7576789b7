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
/// Sends are serialised. When the buffer holds <see cref="SessionChannelOptions.MaxBufferedChars"/>
/// unconsumed characters the loop stops reading (back-pressure) and a waiting scan fails.
/// </summary>
internal sealed class SessionChannel : IAsyncDisposable
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
    private readonly ReceiveBuffer _buffer = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _head = new();
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

    public SessionChannel(Stream stream, SessionChannelOptions options)
    {
        _stream = stream;
        _options = options;
        _decoder = options.Encoding.GetDecoder();
        _guesser = options.Guesser;
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

    /// <summary>Starts the read loop.</summary>
    public void Start() => _readLoop ??= Task.Run(ReadLoopAsync);

    /// <summary>Unconsumed cleaned text.</summary>
    public string BufferedText
    {
        get
        {
            lock (_gate)
                return new string(_buffer.Slice(_buffer.Consumed, _buffer.End));
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
                return _head.ToString() + new string(_buffer.Slice(_buffer.CommittedEnd, _buffer.End));
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
                return new string(_buffer.Slice(_buffer.CommittedEnd, _buffer.End));
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

    /// <summary>Remembers a secret so it is redacted wherever it would show in the transcript.</summary>
    public void AddSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength)
            return;
        lock (_gate)
        {
            if (!_secrets.Contains(secret))
                _secrets.Add(secret);
        }
    }

    /// <summary>Sends text (already encoded by the session encoding); secret text is never logged.</summary>
    public async Task SendAsync(string text, bool secret, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        if (secret)
            AddSecret(text.TrimEnd('\r', '\n'));
        if (_options.Logger.IsEnabled(LogLevel.Debug))
            _options.Logger.LogDebug("{Name} send {Text}", _options.Name, secret ? $"<secret, {text.Length} chars>" : Printable(text));

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

    /// <summary>Waits for stream-scope patterns (see the <see cref="MatchPattern"/> overload).</summary>
    public Task<ScanHit> WaitForMatchAsync(IReadOnlyList<Regex> patterns, bool consume, long? scanFrom, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForMatchAsync(MatchPattern.Stream(patterns), consume, scanFrom, timeout, cancellationToken);

    /// <summary>
    /// Waits until one of <paramref name="patterns"/> matches the unconsumed text (scanning from
    /// <paramref name="scanFrom"/> when given); the earliest match wins, ties go to the pattern
    /// listed first. Consumes through the match when <paramref name="consume"/> is set. Only one
    /// wait may run at a time.
    /// </summary>
    public Task<ScanHit> WaitForMatchAsync(IReadOnlyList<MatchPattern> patterns, bool consume, long? scanFrom, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0)
            throw new ArgumentException("At least one pattern is needed.", nameof(patterns));
        return WaitForMatchAsync(() => patterns, consume, scanFrom, timeout, cancellationToken);
    }

    /// <summary>
    /// Like the list overload, but asks <paramref name="patterns"/> for the current patterns before
    /// every scan: when it returns a different list (the driver changed during login), the text
    /// is scanned again from the start with the new list. <see cref="ScanHit.Patterns"/> tells
    /// which list matched.
    /// </summary>
    public async Task<ScanHit> WaitForMatchAsync(Func<IReadOnlyList<MatchPattern>> patterns, bool consume, long? scanFrom, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var waiter = new Waiter();
        if (Interlocked.CompareExchange(ref _activeWaiter, waiter, null) is not null)
            throw new InvalidOperationException("Another Expect/WaitFor is already running on this session; await it before starting the next one.");

        try
        {
            var state = new ScanState();
            IReadOnlyList<MatchPattern>? scanned = null;
            long deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            bool timedOut = false;
            while (true)
            {
                var current = patterns();
                if (current.Count == 0)
                    throw new ArgumentException("At least one pattern is needed.", nameof(patterns));
                Task signal;
                lock (_gate)
                {
                    if (!ReferenceEquals(current, scanned))
                    {
                        state.StreamCursor = Math.Max(_buffer.Consumed, scanFrom ?? 0);
                        state.LineCursor = state.StreamCursor;
                        scanned = current;
                    }

                    if (waiter.Cancelled)
                        throw new ExpectCancelledException();
                    if (TryScan(current, state, consume, out var hit))
                        return hit with { Patterns = current };
                    if (_eof)
                    {
                        string reason = _fault is null ? "The device closed the session" : "The session broke (" + _fault.Message + ")";
                        throw new ConnectionClosedException($"{reason} while waiting for {Describe(current)}.", TailLocked(), _fault);
                    }

                    if (IsOverLimit())
                        throw new BufferLimitExceededException(_options.MaxBufferedChars, Sources(current));
                    if (timedOut)
                        throw new ExpectTimeoutException(timeout, Sources(current), TailLocked());
                    signal = _dataSignal.Task;
                }

                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    timedOut = true;
                    continue;
                }

                try
                {
                    await signal.WaitAsync(deadline == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(remaining), cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // One last scan: data may have arrived with the deadline.
                    timedOut = true;
                }
                catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
                {
                    throw new CancelledException($"Waiting for {Describe(scanned ?? [])} was cancelled.", cancellationToken, ex);
                }
            }
        }
        finally
        {
            Interlocked.CompareExchange(ref _activeWaiter, null, waiter);
        }
    }

    /// <summary>Stops the running wait, which throws <see cref="ExpectCancelledException"/>.</summary>
    public void CancelExpect()
    {
        var waiter = Volatile.Read(ref _activeWaiter);
        if (waiter is null)
            return;
        TaskCompletionSource signal;
        lock (_gate)
        {
            waiter.Cancelled = true;
            signal = SwapDataSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>Consumes text up to the absolute position <paramref name="position"/> and returns the raw bytes consumed.</summary>
    public byte[] ConsumeTo(long position)
    {
        TaskCompletionSource space;
        byte[] raw;
        lock (_gate)
        {
            raw = ConsumeLocked(position);
            space = SwapSpaceSignal();
        }

        space.TrySetResult();
        return raw;
    }

    /// <summary>Consumes the current line when it is unconsumed and one of <paramref name="patterns"/> matches it.</summary>
    public bool TryConsumeCurrentLine(IReadOnlyList<Regex> patterns)
    {
        TaskCompletionSource space;
        lock (_gate)
        {
            long lineStart = _buffer.CommittedEnd;
            if (lineStart < _buffer.Consumed || lineStart == _buffer.End)
                return false;
            var line = _buffer.Slice(lineStart, _buffer.End);
            bool matches = false;
            foreach (var pattern in patterns)
                matches |= pattern.IsMatch(line);
            if (!matches)
                return false;
            ConsumeLocked(_buffer.End);
            space = SwapSpaceSignal();
        }

        space.TrySetResult();
        return true;
    }

    /// <summary>Drops everything received so far.</summary>
    public void Flush()
    {
        TaskCompletionSource space;
        lock (_gate)
        {
            _buffer.ConsumeAll();
            space = SwapSpaceSignal();
        }

        space.TrySetResult();
    }

    /// <summary>Absolute position of the first unconsumed character.</summary>
    public long ConsumedPosition
    {
        get
        {
            lock (_gate)
                return _buffer.Consumed;
        }
    }

    /// <summary>Calls <paramref name="callback"/> for every match of <paramref name="pattern"/> within the last <paramref name="limit"/> characters of new data.</summary>
    public IDisposable AddMonitor(Regex pattern, Action<Regex, Match> callback, int limit)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        MonitorEntry entry;
        lock (_gate)
        {
            entry = new MonitorEntry(this, pattern, callback, limit) { Cursor = _buffer.End };
            _monitors = [.. _monitors, entry];
        }

        return entry;
    }

    /// <summary>
    /// While set, every received chunk is handed to <paramref name="passthrough"/> as raw bytes and
    /// nothing is kept for matching (interactive sessions). Returns the raw bytes that were still
    /// unconsumed, so the caller can show them first.
    /// </summary>
    public byte[] SetPassthrough(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? passthrough)
    {
        TaskCompletionSource space;
        byte[] pending;
        lock (_gate)
        {
            _passthrough = passthrough;
            pending = ConsumeLocked(_buffer.End);
            space = SwapSpaceSignal();
        }

        space.TrySetResult();
        return pending;
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

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            _options.Logger.LogDebug(ex, "{Name} closing the stream failed", _options.Name);
        }

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
        char[] chars = ArrayPool<char>.Shared.Rent(_options.Encoding.GetMaxCharCount(readSize));
        Exception? fault = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await WaitForSpaceAsync(token).ConfigureAwait(false);
                int n = await _stream.ReadAsync(bytes.AsMemory(0, readSize), token).ConfigureAwait(false);
                if (n == 0)
                    break;
                int charCount = _decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                await ProcessChunkAsync(bytes.AsMemory(0, n), chars.AsMemory(0, charCount), token).ConfigureAwait(false);
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
            ArrayPool<char>.Shared.Return(chars);
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
    private string? Commit()
    {
        int length = _cleanOut.Length;
        if (_scratch.Length < length)
            _scratch = new char[Math.Max(length, _scratch.Length * 2)];
        _cleanOut.CopyTo(0, _scratch, 0, length);
        var all = _scratch.AsSpan(0, length);
        int boundary = all.LastIndexOf('\n') + 1;
        if (length - boundary > TerminalCleaner.MaxLineLength)
            boundary = length - TerminalCleaner.MaxLineLength;

        var committed = all[..boundary];
        _buffer.Update(committed, all[boundary..]);
        _cleanOut.Remove(0, boundary);

        if (_captureHead && boundary > 0)
        {
            if (_head.Length < _options.HeadCaptureChars)
                _head.Append(committed[..Math.Min(boundary, _options.HeadCaptureChars - _head.Length)]);
            _guesser?.Feed(committed);
        }
        return _options.Transcript is null || boundary == 0 ? null : new string(committed);
    }

    private List<(MonitorEntry, Match)>? ScanMonitors(long committedBefore)
    {
        List<(MonitorEntry, Match)>? fired = null;
        foreach (var monitor in _monitors)
        {
            long from = Math.Max(Math.Max(monitor.Cursor, committedBefore - monitor.Limit), _buffer.Start);
            long spanStart = Math.Max(_buffer.Start, from - ReceiveBuffer.ContextChars);
            var span = _buffer.Slice(spanStart, _buffer.End);
            List<long>? starts = null;
            foreach (var m in monitor.Pattern.EnumerateMatches(span, (int)(from - spanStart)))
            {
                if (m.Length == 0)
                    continue;
                (starts ??= []).Add(spanStart + m.Index);
            }

            if (starts is null)
                continue;
            foreach (long start in starts)
            {
                var match = PatternScanner.Materialize(_buffer, monitor.Pattern, start, _buffer.Start);
                if (!match.Success)
                    continue;
                (fired ??= []).Add((monitor, match));
                monitor.Cursor = start + match.Length;
            }
        }

        return fired;
    }

    private bool TryScan(IReadOnlyList<MatchPattern> patterns, ScanState state, bool consume, out ScanHit hit)
    {
        long consumed = _buffer.Consumed;
        long end = _buffer.End;
        long committedEnd = _buffer.CommittedEnd;
        var best = new Candidate(-1, long.MaxValue, 0, 0, 0);
        bool hasStream = false, hasLines = false, hasCurrent = false;
        foreach (var p in patterns)
        {
            hasStream |= p.Scope == MatchScope.Stream;
            hasLines |= p.Scope == MatchScope.EachLine;
            hasCurrent |= p.Scope == MatchScope.CurrentLine;
        }

        long streamFrom = Math.Max(state.StreamCursor, consumed);
        if (hasStream)
        {
            long spanStart = Math.Max(_buffer.Start, streamFrom - ReceiveBuffer.ContextChars);
            var span = _buffer.Slice(spanStart, end);
            for (int i = 0; i < patterns.Count; i++)
            {
                if (patterns[i].Scope != MatchScope.Stream)
                    continue;
                foreach (var m in patterns[i].Regex.EnumerateMatches(span, (int)(streamFrom - spanStart)))
                {
                    best = best.Earliest(new Candidate(i, spanStart + m.Index, m.Length, 0, 0));
                    break;
                }
            }
        }

        long lineFrom = Math.Max(state.LineCursor, consumed);
        if (hasLines)
        {
            long position = lineFrom;
            while (position < end && position < best.Start)
            {
                var rest = _buffer.Slice(position, end);
                int newline = rest.IndexOf('\n');
                var line = newline < 0 ? rest : rest[..newline];
                for (int i = 0; i < patterns.Count; i++)
                {
                    if (patterns[i].Scope != MatchScope.EachLine)
                        continue;
                    foreach (var m in patterns[i].Regex.EnumerateMatches(line))
                    {
                        best = best.Earliest(new Candidate(i, position + m.Index, m.Length, position, position + line.Length));
                        break;
                    }
                }

                if (newline < 0)
                    break;
                position += newline + 1;
            }
        }

        if (hasCurrent && committedEnd >= consumed && committedEnd < best.Start)
        {
            var line = _buffer.Slice(committedEnd, end);
            for (int i = 0; i < patterns.Count; i++)
            {
                if (patterns[i].Scope != MatchScope.CurrentLine)
                    continue;
                foreach (var m in patterns[i].Regex.EnumerateMatches(line))
                {
                    best = best.Earliest(new Candidate(i, committedEnd + m.Index, m.Length, committedEnd, end));
                    break;
                }
            }
        }

        if (best.Index < 0)
        {
            state.StreamCursor = PatternScanner.NextScanStart(_buffer, streamFrom, _options.MaxOverlap);
            state.LineCursor = Math.Max(lineFrom, committedEnd);
            hit = null!;
            return false;
        }

        var regex = patterns[best.Index].Regex;
        Match match;
        string? lineText = null;
        if (patterns[best.Index].Scope == MatchScope.Stream)
        {
            match = PatternScanner.Materialize(_buffer, regex, best.Start, _buffer.Start);
        }
        else
        {
            lineText = new string(_buffer.Slice(best.LineStart, best.LineEnd));
            match = regex.Match(lineText, (int)(best.Start - best.LineStart));
        }

        string before = new(_buffer.Slice(consumed, best.Start));
        byte[] raw = consume ? ConsumeLocked(best.Start + best.Length) : [];
        if (consume)
            SwapSpaceSignal().TrySetResult();
        hit = new ScanHit(best.Index, best.Start, best.Start + best.Length, match, before, raw) { Line = lineText };
        return true;
    }

    private byte[] ConsumeLocked(long position)
    {
        // Raw bytes map to text only per chunk; text after the match is assumed to come from
        // the last bytes received, one byte per character.
        long textEnd = _buffer.End;
        long rawTo = _buffer.RawEnd - Math.Max(0, textEnd - position);
        byte[] raw = _buffer.RawSlice(_buffer.RawConsumed, rawTo).ToArray();
        _buffer.Consume(position, rawTo);
        return raw;
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
                rest = new string(_buffer.Slice(_buffer.CommittedEnd, _buffer.End));
            data = SwapDataSignal();
            space = SwapSpaceSignal();
        }

        data.TrySetResult();
        space.TrySetResult();
        return rest;
    }

    private async ValueTask WriteTranscriptAsync(string? text, bool flush)
    {
        var transcript = _options.Transcript;
        if (transcript is null)
            return;
        try
        {
            if (!string.IsNullOrEmpty(text))
                await transcript.WriteAsync(Redact(text)).ConfigureAwait(false);
            if (flush)
                await transcript.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _options.Logger.LogWarning(ex, "{Name} writing the transcript failed", _options.Name);
        }
    }

    /// <summary>Replaces every known secret in <paramref name="text"/> by <c>********</c>.</summary>
    public string Redact(string text)
    {
        string[] secrets;
        lock (_gate)
        {
            if (_secrets.Count == 0)
                return text;
            secrets = [.. _secrets];
        }

        foreach (string secret in secrets)
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        return text;
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
        _buffer.UnconsumedChars >= _options.MaxBufferedChars || _buffer.UnconsumedBytes >= _options.MaxBufferedChars * 4;

    private string TailLocked()
    {
        long from = Math.Max(_buffer.Consumed, _buffer.End - TailChars);
        string tail = new(_buffer.Slice(from, _buffer.End));
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

    private void RemoveMonitor(MonitorEntry entry)
    {
        lock (_gate)
            _monitors = _monitors.Where(m => m != entry).ToArray();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static IReadOnlyList<string> Sources(IReadOnlyList<MatchPattern> patterns) =>
        patterns.Select(p => p.Regex.ToString()).ToArray();

    private static string Describe(IReadOnlyList<MatchPattern> patterns) => string.Join(" | ", Sources(patterns));

    private static string Printable(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class ScanState
    {
        public long StreamCursor { get; set; }

        public long LineCursor { get; set; }
    }

    private readonly record struct Candidate(int Index, long Start, int Length, long LineStart, long LineEnd)
    {
        public Candidate Earliest(Candidate other) =>
            Index < 0 || other.Start < Start || (other.Start == Start && other.Index < Index) ? other : this;
    }

    private sealed class Waiter
    {
        public bool Cancelled { get; set; }
    }

    private sealed class MonitorEntry(SessionChannel owner, Regex pattern, Action<Regex, Match> callback, int limit) : IDisposable
    {
        public Regex Pattern { get; } = pattern;

        public Action<Regex, Match> Callback { get; } = callback;

        public int Limit { get; } = limit;

        public long Cursor { get; set; }

        public void Dispose() => owner.RemoveMonitor(this);
    }
}
