namespace Vty.Devices.Exec;

/// <summary>A remote command exited with a failing status (or sudo refused the password); carries the full result.</summary>
public sealed class RunFailedException : VtyException
{
    public RunFailedException(string message, RunResult result) : base(message) => Result = result;

    /// <summary>What the command returned.</summary>
    public RunResult Result { get; }
}
