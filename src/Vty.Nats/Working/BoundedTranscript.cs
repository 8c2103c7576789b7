using System.Text;

namespace Vty.Nats.Working;

/// <summary>A transcript kept in memory for the result message, cut at a size so a chatty device cannot exhaust the worker.</summary>
internal sealed class BoundedTranscript(int maxChars) : TextWriter
{
    private readonly StringBuilder _text = new();
    private bool _cut;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            if (_text.Length < maxChars) _text.Append(value);
            else _cut = true;
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_text)
        {
            int room = maxChars - _text.Length;
            if (value.Length <= room) _text.Append(value);
            else
            {
                _text.Append(value.AsSpan(0, Math.Max(0, room)));
                _cut = true;
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <summary>The text, with a closing note when it was cut.</summary>
    public string Text
    {
        get
        {
            lock (_text)
                return _cut ? _text + $"\n[vty: transcript cut at {maxChars} characters by the worker]\n" : _text.ToString();
        }
    }
}
