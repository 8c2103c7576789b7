using System.Text.RegularExpressions;

namespace Vty.Protocols;

/// <summary>Per-command settings for <c>Protocol.ExecuteAsync</c>.</summary>
public sealed class ExecuteOptions
{
    /// <summary>Total time for the command (default: <see cref="ProtocolOptions.CommandTimeout"/>).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Throw <see cref="CommandErrorException"/> when an output line matches the error patterns.</summary>
    public bool CheckErrors { get; set; } = true;

    /// <summary>Remove the echoed command from the output.</summary>
    public bool StripEcho { get; set; } = true;

    /// <summary>Answer the driver's pager prompt (<c>--More--</c>) and keep reading.</summary>
    public bool AnswerPager { get; set; } = true;

    /// <summary>Wait for these (current-line) patterns instead of the prompt, e.g. a confirmation question.</summary>
    public IReadOnlyList<Regex>? Until { get; set; }
}
