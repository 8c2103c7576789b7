using System.Text.RegularExpressions;
using Vty.Matching;

namespace Vty.Protocols;

/// <summary>
/// The result of one command: its output with the echoed command and the trailing prompt removed,
/// the prompt it ended at, the prompt match, and the raw bytes as received.
/// </summary>
/// <param name="Command">The command as sent (without the line ending).</param>
/// <param name="Output">Cleaned output: no echo, no prompt, escape sequences removed, lines ending in <c>\n</c>.</param>
/// <param name="Prompt">The prompt text that ended the output (leading line break removed).</param>
/// <param name="Match">The prompt match (its groups, e.g. the host name, when the pattern has them).</param>
/// <param name="RawBytes">The bytes received for this command, before decoding and cleaning.</param>
public sealed record CommandResult(string Command, string Output, string Prompt, Match Match, ReadOnlyMemory<byte> RawBytes)
{
    private readonly ReadOnlyMemory<byte> _rawBytes = RawBytes;
    private readonly ReceivedBytes? _pendingRaw;

    // The raw bytes stay in the pieces the receive buffer handed over until someone reads them.
    internal CommandResult(string command, string output, string prompt, Match match, ReceivedBytes raw)
        : this(command, output, prompt, match, ReadOnlyMemory<byte>.Empty) => _pendingRaw = raw;

    /// <summary>The bytes received for this command, before decoding and cleaning.</summary>
    public ReadOnlyMemory<byte> RawBytes
    {
        get => _pendingRaw is { } pending ? pending.ToArray() : _rawBytes;
        init
        {
            _rawBytes = value;
            _pendingRaw = null;
        }
    }

    /// <summary>Output split into lines (no trailing empty line).</summary>
    public IReadOnlyList<string> Lines =>
        Output.Length == 0 ? [] : Output.TrimEnd('\n').Split('\n');

    /// <summary>The output.</summary>
    public override string ToString() => Output;
}
