using Vty.Ssh.Algorithms;

namespace Vty.Cli.Ssh;

/// <summary>
/// An OpenSSH-style algorithm list option value: "a,b" replaces the list, "+a,b" appends to the
/// defaults, "-a,b" removes from them, "^a,b" puts them first. A name Vty cannot run is an error
/// here, before connecting.
/// </summary>
internal static class AlgorithmListValue
{
    public static List<string> Apply(SshAlgorithmCategory category, string value, bool legacy) =>
        [.. AlgorithmList.Apply(category, value, AlgorithmList.Defaults(category, legacy))];
}
