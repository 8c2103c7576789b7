namespace Vty.Ssh;

/// <summary>
/// An ssh_config file (or a -o option) cannot be used: a bad value, an unsupported Match
/// criterion, an Include loop. The message names the file and line when there is one.
/// </summary>
public sealed class SshConfigException(string message, string? file = null, int line = 0)
    : SshException(file is null ? message : $"{file} line {line}: {message}")
{
    /// <summary>The file the problem is in (null for command-line options).</summary>
    public string? File { get; } = file;

    /// <summary>The 1-based line number (0 for command-line options).</summary>
    public int Line { get; } = line;
}
