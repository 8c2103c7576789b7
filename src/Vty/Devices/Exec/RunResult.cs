namespace Vty.Devices.Exec;

/// <summary>A finished remote command: exit status, standard output and standard error (subprocess style).</summary>
/// <param name="Command">The command as given (without the sudo wrapper).</param>
/// <param name="ExitCode">Exit status; -1 when the command was killed by a signal or the server sent none.</param>
/// <param name="Stdout">Standard output, decoded as UTF-8.</param>
/// <param name="Stderr">Standard error, decoded as UTF-8 (the sudo prompt removed).</param>
/// <param name="ExitSignal">Signal name when the command was killed by one.</param>
public sealed record RunResult(string Command, int ExitCode, string Stdout, string Stderr, string? ExitSignal = null)
{
    /// <summary>True for exit status 0.</summary>
    public bool Ok => ExitCode == 0;
}
