namespace Vty.Protocols;

/// <summary>A chunk of data as it arrived from the device.</summary>
public sealed class DataReceivedEventArgs : EventArgs
{
    internal DataReceivedEventArgs(string text, ReadOnlyMemory<byte> raw)
    {
        Text = text;
        Raw = raw;
    }

    /// <summary>The chunk decoded with the session encoding, not cleaned (escape sequences still in it).</summary>
    public string Text { get; }

    /// <summary>The bytes as received. Valid only during the event handler; copy them to keep them.</summary>
    public ReadOnlyMemory<byte> Raw { get; }
}
