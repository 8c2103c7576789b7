using System.Text;

namespace Vty.Text;

/// <summary>
/// Turns what a device sends to a terminal into plain text: strips ANSI/VT100 escape sequences
/// (CSI, OSC titles, DCS/SOS/PM/APC strings, SS2/SS3, charset and keypad selections), NULs and other
/// control characters, renders carriage returns, backspaces, cursor moves and line erases the way a
/// terminal would on the current line, and turns CRLF into LF. The only control characters left in
/// the output are <c>\n</c> and <c>\t</c>.
/// </summary>
/// <remarks>
/// Rows are not modelled, so a screen clear (<c>ESC[2J</c>, <c>ESC[1J</c>, <c>ESC[3J</c>), a cursor
/// home (<c>ESC[H</c>, <c>ESC[1;1H</c>) or a terminal reset (<c>ESC c</c>) ends the current line
/// instead of erasing it: text a device printed must never vanish from results or from error
/// detection because the device also asked the terminal to wipe the screen.
/// </remarks>
/// <remarks>
/// Streaming and chunk-invariant: an escape sequence split across <see cref="Feed"/> calls is held
/// until it completes, and the text in <c>output</c> after the last call is the same however the
/// input was split. Earlier lines are never touched; edits of the current (last, unterminated) line
/// rewrite the end of <c>output</c>, so pass the same builder every time, or at least one whose end
/// still holds the current line. Memory is bounded: an unterminated control string is dropped after
/// <see cref="MaxControlStringLength"/> characters and a line longer than <see cref="MaxLineLength"/>
/// has its first half frozen.
/// </remarks>
public sealed class TerminalCleaner
{
    /// <summary>Longest OSC/DCS/SOS/PM/APC string accepted before it is abandoned as junk.</summary>
    public const int MaxControlStringLength = 4096;

    /// <summary>Longest CSI sequence (parameters and intermediates) accepted before it is abandoned.</summary>
    public const int MaxCsiLength = 64;

    /// <summary>Cells kept editable on the current line; beyond that its first half becomes final.</summary>
    public const int MaxLineLength = 16384;

    private const int MaxParameters = 16;
    private const char Esc = '\x1b';

    private readonly TerminalLine _line = new(MaxLineLength);
    private readonly int[] _parameters = new int[MaxParameters];
    private State _state = State.Ground;
    private int _parameterCount;
    private bool _parameterStarted;
    private bool _privateMarker;
    private int _sequenceLength;

    private enum State
    {
        Ground,
        Escape,
        EscapeIntermediate,
        Csi,
        OscString,
        ControlString,
        ControlStringEscape,
        OscStringEscape,
        SingleShift,
    }

    /// <summary>Cleans a whole text at once.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length);
        new TerminalCleaner().Feed(text, output);
        return output.ToString();
    }

    /// <summary>
    /// How long <c>output</c> stayed unchanged during the last <see cref="Feed"/>: its first this
    /// many characters are the same as before the call (only the current line's end is ever rewritten),
    /// so a caller can take just what follows instead of the whole current line again.
    /// </summary>
    internal int OutputLowWater => _line.OutputLowWater;

    /// <summary>Cleans the next piece of the stream and brings <paramref name="output"/> up to date.</summary>
    public void Feed(ReadOnlySpan<char> chunk, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _line.OutputLowWater = output.Length;
        foreach (char c in chunk)
            Step(c, output);
        _line.Sync(output);
    }

    private void Step(char c, StringBuilder output)
    {
        switch (_state)
        {
            case State.Ground:
                Ground(c, output);
                break;
            case State.Escape:
                AfterEscape(c, output);
                break;
            case State.EscapeIntermediate:
                EscapeIntermediate(c, output);
                break;
            case State.Csi:
                Csi(c, output);
                break;
            case State.OscString:
            case State.ControlString:
                ControlString(c);
                break;
            case State.OscStringEscape:
            case State.ControlStringEscape:
                ControlStringEscape(c, output);
                break;
            case State.SingleShift:
                // The character after SS2/SS3 belongs to another character set (or is a function
                // key echoed back as ESC O A); either way it is not text.
                _state = State.Ground;
                if (c < ' ' || c == '\x7f')
                    Ground(c, output);
                break;
        }
    }

    private void Ground(char c, StringBuilder output)
    {
        if (c >= ' ' && c != '\x7f' && (c < '\x80' || c > '\x9f'))
        {
            _line.Write(c, output);
            return;
        }

        switch (c)
        {
            case '\n':
            case '\v':
            case '\f':
                _line.Commit(output);
                break;
            case '\r':
                _line.CarriageReturn();
                break;
            case '\b':
                _line.Backspace();
                break;
            case '\t':
                _line.Write('\t', output);
                break;
            case Esc:
                _state = State.Escape;
                break;
            case '\x9b':
                BeginCsi();
                break;
            case '\x9d':
                BeginControlString(State.OscString);
                break;
            case '\x90':
            case '\x98':
            case '\x9e':
            case '\x9f':
                BeginControlString(State.ControlString);
                break;
            case '\x8e':
            case '\x8f':
                _state = State.SingleShift;
                break;
            case '\x85':
                _line.Commit(output);
                break;
            default:
                // NUL, BEL, SO/SI, CAN, SUB, DEL and the remaining C0/C1 controls carry no text.
                break;
        }
    }

    private void AfterEscape(char c, StringBuilder output)
    {
        switch (c)
        {
            case '[':
                BeginCsi();
                return;
            case ']':
                BeginControlString(State.OscString);
                return;
            case 'P':
            case 'X':
            case '^':
            case '_':
                BeginControlString(State.ControlString);
                return;
            case 'N':
            case 'O':
                _state = State.SingleShift;
                return;
            case 'E':
                // NEL: next line.
                _state = State.Ground;
                _line.Commit(output);
                return;
            case 'c':
                // RIS (full reset) wipes the screen: keep what was on it as a finished line.
                _state = State.Ground;
                _line.Break(output);
                return;
            case '7':
                _state = State.Ground;
                _line.SaveColumn();
                return;
            case '8':
                _state = State.Ground;
                _line.RestoreColumn();
                return;
            case Esc:
                return;
        }

        if (c >= ' ' && c <= '/')
        {
            // ESC ( B, ESC ) 0, ESC # 8, ESC % G: intermediates, then one final byte.
            _state = State.EscapeIntermediate;
            _sequenceLength = 1;
            return;
        }

        _state = State.Ground;
        if (c < ' ')
            Ground(c, output);

        // Any other final byte (ESC = / ESC > keypad modes, ESC D, ESC M, ESC \ …) is dropped.
    }

    private void EscapeIntermediate(char c, StringBuilder output)
    {
        if (c >= ' ' && c <= '/' && ++_sequenceLength < MaxCsiLength)
            return;
        _state = State.Ground;
        if (c < ' ' || c > '~')
            Ground(c, output);
    }

    private void BeginCsi()
    {
        _state = State.Csi;
        _parameterCount = 0;
        _parameterStarted = false;
        _privateMarker = false;
        _sequenceLength = 0;
        Array.Clear(_parameters);
    }

    private void Csi(char c, StringBuilder output)
    {
        if (++_sequenceLength > MaxCsiLength)
        {
            _state = State.Ground;
            Ground(c, output);
            return;
        }

        if (c >= '0' && c <= '9')
        {
            if (!_parameterStarted)
            {
                _parameterStarted = true;
                if (_parameterCount < MaxParameters)
                    _parameterCount++;
            }

            int i = _parameterCount - 1;
            _parameters[i] = (int)Math.Min(_parameters[i] * 10L + (c - '0'), 100_000);
            return;
        }

        if (c == ';' || c == ':')
        {
            if (!_parameterStarted && _parameterCount < MaxParameters)
                _parameterCount++;
            _parameterStarted = false;
            return;
        }

        if (c >= '<' && c <= '?')
        {
            _privateMarker = true;
            return;
        }

        if (c >= ' ' && c <= '/')
        {
            // Intermediate bytes change the meaning to something we never render.
            _privateMarker = true;
            return;
        }

        if (c >= '@' && c <= '~')
        {
            _state = State.Ground;
            if (!_privateMarker)
                ExecuteCsi(c, output);
            return;
        }

        if (c == Esc)
        {
            _state = State.Escape;
            return;
        }

        if (c < ' ')
        {
            // C0 controls inside a CSI sequence act immediately and the sequence continues (VT100).
            if (c is '\n' or '\r' or '\b' or '\v' or '\f')
                Ground(c, output);
            return;
        }

        // Not part of any CSI sequence: abandon it and treat the character as text.
        _state = State.Ground;
        Ground(c, output);
    }

    private void ExecuteCsi(char final, StringBuilder output)
    {
        int first = Parameter(0, 0);
        switch (final)
        {
            case 'D':
                _line.MoveLeft(Math.Max(first, 1));
                break;
            case 'C':
                _line.MoveRight(Math.Max(first, 1));
                break;
            case 'G':
            case '`':
                _line.MoveToColumn(Math.Max(first, 1) - 1);
                break;
            case 'H':
            case 'f':
                // Rows are not modelled: a cursor position keeps to the current line and moves
                // to the requested column, which is how prompts drawn with it stay readable. Home
                // (row 1, column 1) usually starts a redrawn screen, so it ends the line instead of
                // letting the next text overwrite it.
                if (Parameter(0, 1) == 1 && Parameter(1, 1) == 1)
                    _line.Break(output);
                else
                    _line.MoveToColumn(Math.Max(Parameter(1, 1), 1) - 1);
                break;
            case 'K':
                EraseInLine(first);
                break;
            case 'J':
                // Erase below (0) stays an erase of the rest of the line; erasing above or the
                // whole screen would wipe text already received, so it ends the line instead.
                if (first == 0)
                    _line.EraseToEnd();
                else
                    _line.Break(output);
                break;
            default:
                // SGR colours, modes, scroll regions, reports, insert/delete: nothing to render.
                break;
        }
    }

    private void EraseInLine(int mode)
    {
        switch (mode)
        {
            case 0:
                _line.EraseToEnd();
                break;
            case 1:
                _line.EraseToStart();
                break;
            default:
                _line.EraseAll();
                break;
        }
    }

    private int Parameter(int index, int fallback) =>
        index < _parameterCount && _parameters[index] > 0 ? _parameters[index] : fallback;

    private void BeginControlString(State state)
    {
        _state = state;
        _sequenceLength = 0;
    }

    private void ControlString(char c)
    {
        if (c == '\a' && _state == State.OscString)
        {
            _state = State.Ground;
            return;
        }

        if (c == '\x9c' || c == '\x18' || c == '\x1a')
        {
            _state = State.Ground;
            return;
        }

        if (c == Esc)
        {
            _state = _state == State.OscString ? State.OscStringEscape : State.ControlStringEscape;
            return;
        }

        if (++_sequenceLength > MaxControlStringLength)
            _state = State.Ground;
    }

    private void ControlStringEscape(char c, StringBuilder output)
    {
        if (c == '\\')
        {
            _state = State.Ground;
            return;
        }

        // ESC followed by anything but '\' ends the string and starts a new sequence (as xterm does).
        _state = State.Escape;
        AfterEscape(c, output);
    }
}
