namespace Vty.Fleet;

/// <summary>What one command (or step) printed on one host, and how long it took.</summary>
public sealed record CommandOutput(string Command, string Output, TimeSpan Elapsed);
