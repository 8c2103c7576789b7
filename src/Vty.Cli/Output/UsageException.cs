namespace Vty.Cli.Output;

/// <summary>The command line asks for something impossible (no hosts, no commands, …); carries a hint.</summary>
internal sealed class UsageException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
