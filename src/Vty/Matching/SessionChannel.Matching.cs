using System.Text.RegularExpressions;

namespace Vty.Matching;

// Waiting for patterns: the scan over the buffer, consumption and the single active waiter.
internal sealed partial class SessionChannel
{
    /// <summary>How far back from the end of the current line a prompt may start.</summary>
    internal const int MaxPromptChars = 1024;

    // Characters copied per scan step over text that was already held when a wait began.
    internal const int ScanWindowChars = 128 * 1024;

    /// <summary>Waits for stream-scope patterns (see the <see cref="MatchPattern"/> overload).</summary>
    public Task<ScanHit> WaitForMatchAsync(IReadOnlyList<Regex> patterns, bool consume, long? scanFrom, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForMatchAsync(MatchPattern.Stream(patterns), consume, scanFrom, timeout, cancellationToken);

    /// <summary>
    /// Waits until one of <paramref name="patterns"/> matches the unconsumed text (scanning from
    /// <paramref name="scanFrom"/> when given); the earliest match wins, ties go to the pattern
    /// listed first. Consumes through the match when <paramref name="consume"/> is set. Only one
    /// wait may run at a time.
    /// </summary>
    public Task<ScanHit> WaitForMatchAsync(IReadOnlyList<MatchPattern> patterns, bool consume, long? scanFrom, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForMatchAsync(patterns, consume, scanFrom, null, timeout, cancellationToken);

    /// <summary>
    /// The same, with <paramref name="selectBefore"/> choosing which part of the text before the
    /// match becomes <see cref="ScanHit.Before"/> (a command's output without its echo), so the
    /// text is copied out of the buffer once.
    /// </summary>
    public Task<ScanHit> WaitForMatchAsync(IReadOnlyList<MatchPattern> patterns, bool consume, long? scanFrom, BeforeRange? selectBefore, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0)
            throw new ArgumentException("At least one pattern is needed.", nameof(patterns));
        return WaitForMatchAsync(() => patterns, consume, scanFrom, selectBefore, timeout, cancellationToken);
    }

    /// <summary>
    /// Like the list overload, but asks <paramref name="patterns"/> for the current patterns before
    /// every scan: when it returns a different list (the driver changed during login), the text
    /// is scanned again from the start with the new list. <see cref="ScanHit.Patterns"/> tells
    /// which list matched.
    /// </summary>
    public Task<ScanHit> WaitForMatchAsync(Func<IReadOnlyList<MatchPattern>> patterns, bool consume, long? scanFrom, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForMatchAsync(patterns, consume, scanFrom, null, timeout, cancellationToken);

    private async Task<ScanHit> WaitForMatchAsync(Func<IReadOnlyList<MatchPattern>> patterns, bool consume, long? scanFrom, BeforeRange? selectBefore, TimeSpan timeout, CancellationToken cancellationToken)
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
                    if (TryScan(current, state, consume, selectBefore, out var hit))
                        return hit with { Patterns = current };
                    if (_eof)
                    {
                        string reason = _fault is null ? "The device closed the session" : "The session broke (" + _fault.Message + ")";
                        throw new ConnectionClosedException($"{reason} while waiting for {Describe(current)}.", TailLocked(), _fault);
                    }

                    if (IsOverLimit())
                        throw new OutputLimitExceededException(_options.MaxOutput, _buffer.UnconsumedBytes, Sources(current), TailLocked());
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

    /// <summary>Consumes text (and the raw bytes behind it) up to the absolute position <paramref name="position"/>.</summary>
    public void ConsumeTo(long position)
    {
        TaskCompletionSource space;
        lock (_gate)
        {
            ConsumeLocked(position, takeRaw: false);
            space = SwapSpaceSignal();
        }

        space.TrySetResult();
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
            ConsumeLocked(_buffer.End, takeRaw: false);
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

    /// <summary>
    /// End of the next scan window from <paramref name="from"/>: all that is left when it is at most
    /// <see cref="ScanWindowChars"/>, otherwise just after the last line break within that many.
    /// Output that piled up before a wait began (a device streaming during login) is thus scanned
    /// through a bounded scratch copy instead of one copy of everything held.
    /// </summary>
    private long ScanWindowEnd(long from, long end)
    {
        if (end - from <= ScanWindowChars)
            return end;
        var probe = _buffer.Slice(from, from + ScanWindowChars);
        int newline = probe.LastIndexOf('\n');
        return newline < 0 ? from + ScanWindowChars : from + newline + 1;
    }

    private bool TryScan(IReadOnlyList<MatchPattern> patterns, ScanState state, bool consume, BeforeRange? selectBefore, out ScanHit hit)
    {
        _scans++;
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
            long from = streamFrom;
            while (true)
            {
                long to = ScanWindowEnd(from, end);
                long spanStart = Math.Max(_buffer.Start, from - ReceiveBuffer.ContextChars);
                var span = _buffer.Slice(spanStart, to);
                for (int i = 0; i < patterns.Count; i++)
                {
                    if (patterns[i].Scope != MatchScope.Stream)
                        continue;
                    foreach (var m in patterns[i].Regex.EnumerateMatches(span, (int)(from - spanStart)))
                    {
                        best = best.Earliest(new Candidate(i, spanStart + m.Index, m.Length, 0, 0));
                        break;
                    }
                }

                if (best.Index >= 0 || to == end)
                    break;
                // The next window re-reads this one's last lines, as a scan after a new arrival
                // does, so a match across the cut is still found.
                from = Math.Max(from + 1, PatternScanner.NextScanStart(_buffer, from, _options.MaxOverlap, to));
            }
        }

        long lineFrom = Math.Max(state.LineCursor, consumed);
        if (hasLines)
        {
            long position = lineFrom;
            while (position < end && position < best.Start)
            {
                // One slice per window of whole lines: a slice may be a copy, so never re-slice per line.
                long windowFrom = position;
                long to = ScanWindowEnd(windowFrom, end);
                var all = _buffer.Slice(windowFrom, to);
                while (position < to && position < best.Start)
                {
                    var rest = all[(int)(position - windowFrom)..];
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

                    position = newline < 0 ? to : position + newline + 1;
                }
            }
        }

        if (hasCurrent && committedEnd >= consumed && committedEnd < best.Start)
        {
            // A prompt starts within the last MaxPromptChars of the line, so a long unbroken line
            // (base64, a progress bar) is neither copied nor matched whole each time a few bytes
            // arrive: the span is that tail plus ContextChars before it for lookbehinds. Anchors
            // keep their meaning: when the span does not start the line, the scan starts
            // ContextChars into it, where a start anchor cannot match, as on the whole line.
            long spanStart = Math.Max(committedEnd, end - MaxPromptChars - ReceiveBuffer.ContextChars);
            var line = _buffer.Slice(spanStart, end);
            int promptFrom = (int)(Math.Max(committedEnd, end - MaxPromptChars) - spanStart);
            for (int i = 0; i < patterns.Count; i++)
            {
                if (patterns[i].Scope != MatchScope.CurrentLine)
                    continue;
                _charsExamined += line.Length - promptFrom;
                foreach (var m in patterns[i].Regex.EnumerateMatches(line, promptFrom))
                {
                    // The filter runs only on a match, which is rare: the per-arrival cost stays the regex's.
                    if (patterns[i].Filter is not { } filter || filter(line[m.Index..]))
                        best = best.Earliest(new Candidate(i, spanStart + m.Index, m.Length, committedEnd, end));
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
            lineText = _buffer.GetString(best.LineStart, best.LineEnd);
            match = regex.Match(lineText, (int)(best.Start - best.LineStart));
        }

        var (beforeFrom, beforeTo) = selectBefore is null ? (consumed, best.Start) : selectBefore(_buffer, best.Index, consumed, best.Start);
        string before = _buffer.GetString(beforeFrom, beforeTo);
        var raw = consume ? ConsumeLocked(best.Start + best.Length) : ReceivedBytes.Empty;
        if (consume)
            SwapSpaceSignal().TrySetResult();
        hit = new ScanHit(best.Index, best.Start, best.Start + best.Length, match, before, raw) { Line = lineText };
        return true;
    }

    private ReceivedBytes ConsumeLocked(long position, bool takeRaw = true)
    {
        // Raw bytes map to text only per chunk; text after the match is assumed to come from
        // the last bytes received, one byte per character.
        long textEnd = _buffer.End;
        long rawTo = _buffer.RawEnd - Math.Max(0, textEnd - position);
        var raw = takeRaw ? _buffer.TakeRaw(_buffer.RawConsumed, rawTo) : ReceivedBytes.Empty;
        _buffer.Consume(position, rawTo);
        return raw;
    }

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
}
