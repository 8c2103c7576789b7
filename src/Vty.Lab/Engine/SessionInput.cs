using System.Runtime.CompilerServices;
using System.Text;

namespace Vty.Lab.Engine;

/// <summary>
/// Reads keystrokes from a session stream and edits lines as a terminal does: echo, backspace and
/// DEL, Ctrl-U, CR, LF and CRLF all ending a line, NULs and escape sequences (arrow keys) ignored.
/// </summary>
internal sealed class SessionInput
{
    /// <summary>Returned by <see cref="ReadLineAsync"/> for Ctrl-C.</summary>
    public const string Interrupt = "\u0003";

    /// <summary>Returned by <see cref="ReadLineAsync"/> for Ctrl-D at the start of a line (end of pasted input).</summary>
    public const string EndOfInput = "\u0004";

    /// <summary>Returned by <see cref="ReadLineAsync"/> for Ctrl-Z.</summary>
    public const string Suspend = "\u001A";

    private readonly Stream _stream;
    private readonly SessionOutput _output;
    private readonly byte[] _buffer = new byte[256];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    public SessionInput(Stream stream, SessionOutput output)
    {
        _stream = stream;
        _output = output;
    }

    /// <summary>Reads one line; null at end of stream. The line end is echoed as CRLF even without echo.</summary>
    // Pooled: every command of every emulated session waits here once (a state machine box each otherwise).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string?> ReadLineAsync(bool echo, CancellationToken ct)
    {
        _line.Clear();
        while (true)
        {
            int b = await ReadByteAsync(ct).ConfigureAwait(false);
            if (b < 0)
                return null;
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (b == '\n')
                    continue;
            }
            switch (b)
            {
                case '\r':
                case '\n':
                    _skipLineFeed = b == '\r';
                    _output.Append("\r\n");
                    return _line.ToString();
                case 0:
                    break;
                case 8:
                case 127:
                    if (_line.Length > 0)
                    {
                        _line.Length--;
                        if (echo)
                            _output.Append("\b \b");
                    }
                    break;
                case 3:
                    if (echo)
                        _output.Append("^C\r\n");
                    return Interrupt;
                case 4 when _line.Length == 0:
                    return EndOfInput;
                case 0x1A:
                    if (echo)
                        _output.Append("^Z\r\n");
                    return Suspend;
                case 0x15:
                    if (echo)
                    {
                        for (int i = 0; i < _line.Length; i++)
                            _output.Append("\b \b");
                    }
                    _line.Clear();
                    break;
                case 0x1B:
                    await SkipEscapeSequenceAsync(ct).ConfigureAwait(false);
                    break;
                default:
                    if (b < 32)
                        break;
                    if (_line.Length >= 4096)
                        break;  // a terminal line has a bound too; excess keystrokes are dropped
                    _line.Append((char)b);
                    if (echo)
                        _output.Append((char)b);
                    break;
            }
        }
    }

    /// <summary>Reads one keystroke (for the pager); -1 at end of stream.</summary>
    public async ValueTask<int> ReadKeyAsync(CancellationToken ct)
    {
        while (true)
        {
            int b = await ReadByteAsync(ct).ConfigureAwait(false);
            if (b < 0)
                return -1;
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (b == '\n')
                    continue;
            }
            if (b == 0)
                continue;
            _skipLineFeed = b == '\r';
            return b;
        }
    }

    /// <summary>Reads and throws away input until end of stream (a hung device still drains its socket).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (await ReadByteAsync(ct).ConfigureAwait(false) >= 0)
        {
            _position = _length;
        }
    }

    private async ValueTask SkipEscapeSequenceAsync(CancellationToken ct)
    {
        int b = await ReadByteAsync(ct).ConfigureAwait(false);
        if (b != '[' && b != 'O')
            return;
        while (true)
        {
            b = await ReadByteAsync(ct).ConfigureAwait(false);
            if (b < 0 || (b >= 0x40 && b <= 0x7E))
                return;
        }
    }

    private ValueTask<int> ReadByteAsync(CancellationToken ct)
    {
        if (_position < _length)
            return ValueTask.FromResult<int>(_buffer[_position++]);
        return FillAndReadAsync(ct);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillAndReadAsync(CancellationToken ct)
    {
        // About to wait for the peer: whatever was echoed so far must reach it first.
        await _output.FlushAsync(ct).ConfigureAwait(false);
        int n = await _stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
        if (n <= 0)
            return -1;
        _position = 1;
        _length = n;
        return _buffer[0];
    }
}
