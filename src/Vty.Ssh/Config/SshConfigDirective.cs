namespace Vty.Ssh.Config;

/// <summary>One "Keyword arguments…" line of an ssh_config file or one -o option, already split.</summary>
internal sealed record SshConfigDirective(string Keyword, IReadOnlyList<string> Arguments, string? File, int Line)
{
    /// <summary>An error that points at this line.</summary>
    public SshConfigException Error(string message) => new(message, File, Line);
}
