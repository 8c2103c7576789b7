namespace Vty.Tests.Protocols.Independent;

/// <summary>
/// How one independent-style scripted device behaves: written from the platform's documented CLI,
/// not from the lab's profiles, so detection is checked against a second description of each OS.
/// </summary>
internal sealed record IndependentStyle
{
    /// <summary>Short name used in test cases (<c>ios-like</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The built-in driver Vty should settle on.</summary>
    public required string ExpectedDriver { get; init; }

    /// <summary>The SSH server's software version (no vendor name where the real one has none).</summary>
    public required string SshVersion { get; init; }

    /// <summary>What the Telnet side prints before its login prompt.</summary>
    public string TelnetBanner { get; init; } = "\r\n";

    /// <summary>The Telnet login prompt (<c>Username: </c>, <c>login: </c>).</summary>
    public required string LoginPrompt { get; init; }

    /// <summary>What follows a successful in-band login before the first prompt.</summary>
    public string Motd { get; init; } = "\r\n";

    /// <summary>The prompt in the mode a login lands in.</summary>
    public required string UserPrompt { get; init; }

    /// <summary>The privileged prompt, or null when privileges come with the account.</summary>
    public string? EnabledPrompt { get; init; }

    /// <summary>The password the enable command asks for, or null when it asks none.</summary>
    public string? EnablePassword { get; init; }

    /// <summary>The command that turns paging off, or null when the device never pages.</summary>
    public string? PagingOffCommand { get; init; }

    /// <summary>The pager prompt (shown after <see cref="PageLines"/> lines while paging is on).</summary>
    public string Pager { get; init; } = " --More-- ";

    /// <summary>Lines per page.</summary>
    public int PageLines { get; init; } = 20;

    /// <summary>Outputs by exact command (lines joined by <c>\n</c>; the device sends <c>\r\n</c>).</summary>
    public required IReadOnlyDictionary<string, string> Outputs { get; init; }

    /// <summary>Commands that are accepted and print nothing (setup commands).</summary>
    public IReadOnlyList<string> Silent { get; init; } = [];

    /// <summary>What an unknown command prints; <c>{0}</c> is the command, <c>{1}</c> its first word.</summary>
    public required string UnknownCommand { get; init; }

    /// <summary>A command the test runs and a line its output contains.</summary>
    public required (string Command, string Expect) Sample { get; init; }

    /// <summary>A command whose output holds a line shaped like another host's prompt, sent as its own write.</summary>
    public required (string Command, string Before, string After) SplitOutput { get; init; }
}
