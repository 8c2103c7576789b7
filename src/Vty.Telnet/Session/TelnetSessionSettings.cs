using Microsoft.Extensions.Logging;

namespace Vty.Telnet.Session;

/// <summary>What one end of a connection offers and accepts; built by the client or the server.</summary>
internal sealed class TelnetSessionSettings
{
    public required bool IsServer { get; init; }

    public string TerminalType { get; init; } = "xterm";

    public int Columns { get; init; } = 80;

    public int Rows { get; init; } = 24;

    public bool AcceptBinary { get; init; } = true;

    public int MaxSubnegotiationLength { get; init; } = 4096;

    public SubnegotiationOverflowAction SubnegotiationOverflow { get; init; }

    public int ReceiveBufferSize { get; init; } = 8192;

    /// <summary>Received data chunks held before the reader must catch up (TCP backpressure beyond).</summary>
    public int ReceiveQueueChunks { get; init; } = 16;

    public required ILogger Logger { get; init; }
}
