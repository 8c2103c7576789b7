namespace Vty.Lab;

/// <summary>Result of one command run without a dialog (SSH exec): what went to stdout and stderr, and the exit status.</summary>
public sealed record LabExecResult(string Output, string ErrorOutput, int ExitStatus);
