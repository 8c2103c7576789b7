namespace Vty.Ssh.Config;

/// <summary>
/// Everything about one lookup besides the destination: options given on the command line
/// (applied before any file, so they win), and the local facts that Match and the tokens use.
/// </summary>
public sealed class SshConfigQuery
{
    /// <summary>"Name=Value" (or "Name Value") options, applied first in order, as ssh's -o.</summary>
    public IReadOnlyList<string> CommandLineOptions { get; init; } = [];

    /// <summary>The local user (%u, Match localuser, default User).</summary>
    public string LocalUser { get; init; } = System.Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : System.Environment.UserName;

    /// <summary>The local user's home directory (~, %d).</summary>
    public string HomeDirectory { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>Reads environment variables for ${VAR} in paths.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
