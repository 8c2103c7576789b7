using System.Text.RegularExpressions;

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
    /// <summary>Output split into lines (no trailing empty line).</summary>
    public IReadOnlyList<string> Lines =>
        Output.Length == 0 ? [] : Output.TrimEnd('\n').Split('\n');

    /// <summary>The output.</summary>
    public override string ToString() => Output;
}
