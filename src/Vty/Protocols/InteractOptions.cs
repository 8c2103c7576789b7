namespace Vty.Protocols;

/// <summary>Settings for <c>Protocol.InteractAsync</c>.</summary>
public sealed class InteractOptions
{
    /// <summary>
    /// Keys that run a handler instead of being sent to the device (the key itself is not sent).
    /// </summary>
    public IDictionary<char, Func<Protocol, CancellationToken, ValueTask<InteractKeyResult>>> KeyHandlers { get; } =
        new Dictionary<char, Func<Protocol, CancellationToken, ValueTask<InteractKeyResult>>>();

    /// <summary>Terminal size to announce when the interaction starts (Telnet NAWS, SSH window-change), or null to keep it.</summary>
    public (int Columns, int Rows)? WindowSize { get; set; }

    /// <summary>Key that ends the interaction (Ctrl-] by default, as telnet); null for none.</summary>
    public char? EscapeKey { get; set; } = '\x1d';
}
