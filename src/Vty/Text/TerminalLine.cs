using System.Text;

namespace Vty.Text;

/// <summary>
/// The line the terminal cursor is on, as a row of cells with a cursor column. Writes overwrite
/// like a real terminal; the part of the line already copied to the caller's output is tracked so
/// that only changed cells are rewritten (appending at the end costs nothing extra).
/// </summary>
internal sealed class TerminalLine
{
    private readonly StringBuilder _cells = new();
    private readonly int _maxCells;
    private int _column;
    private int _savedColumn;
    private int _blanksToRestore;

    // Cells [0, _synced) are known to equal what sits at the end of the output; _emitted cells
    // of this line were copied there in total.
    private int _synced;
    private int _emitted;

    public TerminalLine(int maxCells) => _maxCells = maxCells;

    public int Length => _cells.Length;

    public int Column => _column;

    /// <summary>The shortest the output has been since this was last set: text before it is unchanged.</summary>
    public int OutputLowWater { get; set; }

    public void Write(char c, StringBuilder output)
    {
        ForgetTrimmedBlanks();
        if (_column > _cells.Length)
        {
            MarkChanged(_cells.Length);
            _cells.Append(' ', _column - _cells.Length);
        }

        if (_column == _cells.Length)
        {
            _cells.Append(c);
        }
        else
        {
            if (_cells[_column] == c)
            {
                _column++;
                return;
            }

            MarkChanged(_column);
            _cells[_column] = c;
        }

        _column++;
        if (_cells.Length > _maxCells)
            FreezeHead(output);
    }

    /// <summary>
    /// Carriage return: back to column 0. Blanks at the end of the line are dropped (a pager erase
    /// "\r        \r") but put back if a line feed follows at once (CRLF keeps the line as sent).
    /// </summary>
    public void CarriageReturn()
    {
        if (_column >= _cells.Length && _cells.Length > 0 && _cells[^1] == ' ')
        {
            int before = _cells.Length;
            TrimTrailingBlanks(0);
            _blanksToRestore = before - _cells.Length;
        }

        _column = 0;
    }

    /// <summary>
    /// Backspace: at the end of the line it removes the last character (a spinner "|\b/\b" or an
    /// erased keystroke leaves nothing); inside the line it only moves the cursor, and what
    /// follows overwrites, as on a terminal ("x\bx" stays "x").
    /// </summary>
    public void Backspace()
    {
        ForgetTrimmedBlanks();
        if (_column == 0)
            return;
        if (_column > _cells.Length)
        {
            _column--;
            return;
        }

        int target = _column - 1;
        if (target > 0 && char.IsLowSurrogate(_cells[target]) && char.IsHighSurrogate(_cells[target - 1]))
            target--;
        if (_column == _cells.Length)
            Truncate(target);
        _column = target;
    }

    public void MoveLeft(int count)
    {
        ForgetTrimmedBlanks();
        MoveTo(Math.Max(0, _column - count));
    }

    public void MoveRight(int count)
    {
        ForgetTrimmedBlanks();
        _column = (int)Math.Min((long)_column + count, _maxCells);
    }

    /// <summary>Absolute cursor move (CHA, CUP): unlike relative moves it erases nothing.</summary>
    public void MoveToColumn(int column)
    {
        ForgetTrimmedBlanks();
        _column = Math.Clamp(column, 0, _maxCells);
    }

    public void SaveColumn() => _savedColumn = _column;

    public void RestoreColumn() => MoveToColumn(_savedColumn);

    /// <summary>Erase from the cursor to the end of the line (EL 0).</summary>
    public void EraseToEnd()
    {
        ForgetTrimmedBlanks();
        if (_column < _cells.Length)
            Truncate(_column);
    }

    /// <summary>Erase from the start of the line through the cursor (EL 1): the cells become blanks.</summary>
    public void EraseToStart()
    {
        ForgetTrimmedBlanks();
        int end = Math.Min(_column + 1, _cells.Length);
        if (end >= _cells.Length)
        {
            Truncate(0);
            return;
        }

        for (int i = 0; i < end; i++)
        {
            if (_cells[i] != ' ')
            {
                MarkChanged(i);
                _cells[i] = ' ';
            }
        }
    }

    /// <summary>Erase the whole line (EL 2); the cursor stays where it is.</summary>
    public void EraseAll()
    {
        ForgetTrimmedBlanks();
        Truncate(0);
    }

    /// <summary>Copies changed cells to the end of <paramref name="output"/>.</summary>
    public void Sync(StringBuilder output)
    {
        if (_synced == _cells.Length && _emitted == _cells.Length)
            return;
        int stale = Math.Min(_emitted - _synced, output.Length);
        if (stale > 0)
        {
            output.Length -= stale;
            OutputLowWater = Math.Min(OutputLowWater, output.Length);
        }
        for (int i = _synced; i < _cells.Length; i++)
            output.Append(_cells[i]);
        _synced = _emitted = _cells.Length;
    }

    /// <summary>Line feed: the line is final; the next one starts empty at column 0.</summary>
    public void Commit(StringBuilder output)
    {
        if (_blanksToRestore > 0)
            _cells.Append(' ', _blanksToRestore);
        Sync(output);
        output.Append('\n');
        _cells.Clear();
        _blanksToRestore = 0;
        _column = _savedColumn = _synced = _emitted = 0;
    }

    /// <summary>
    /// A screen clear, cursor home or reset: a line with text becomes final (as after a line feed)
    /// rather than erased; a blank one is dropped. The cursor goes to column 0 of a new line.
    /// </summary>
    public void Break(StringBuilder output)
    {
        ForgetTrimmedBlanks();
        bool blank = true;
        for (int i = 0; i < _cells.Length && blank; i++)
            blank = _cells[i] == ' ' || _cells[i] == '\t';
        if (!blank)
        {
            Commit(output);
            return;
        }

        Truncate(0);
        _column = _savedColumn = 0;
    }

    private void MoveTo(int column)
    {
        // Devices erase a pager marker or a typed character by writing blanks and moving back
        // over them ("\b \b", "\b\b\b   \b\b\b"); blanks at the end of the line that the
        // cursor moves back over are therefore dropped rather than left as trailing spaces.
        if (_column >= _cells.Length)
            TrimTrailingBlanks(column);
        _column = column;
    }

    private void ForgetTrimmedBlanks() => _blanksToRestore = 0;

    private void TrimTrailingBlanks(int floor)
    {
        int end = _cells.Length;
        while (end > floor && _cells[end - 1] == ' ')
            end--;
        Truncate(end);
    }

    private void Truncate(int length)
    {
        if (length >= _cells.Length)
            return;
        MarkChanged(length);
        _cells.Length = length;
    }

    private void MarkChanged(int index)
    {
        if (index < _synced)
            _synced = index;
    }

    private void FreezeHead(StringBuilder output)
    {
        // A line longer than the bound (binary junk, a megabyte without a newline): its first half
        // is treated as final so the model stays bounded; cursor moves cannot reach back into it.
        Sync(output);
        int drop = _cells.Length - _maxCells / 2;
        _cells.Remove(0, drop);
        _synced -= drop;
        _emitted -= drop;
        _column = Math.Max(0, _column - drop);
        _savedColumn = Math.Max(0, _savedColumn - drop);
    }
}
