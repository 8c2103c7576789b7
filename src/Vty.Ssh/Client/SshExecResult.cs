namespace Vty.Ssh;

/// <summary>The outcome of <see cref="SshClient.ExecuteAsync(string, CancellationToken)"/>: all output, and how the command ended.</summary>
public sealed record SshExecResult(byte[] StandardOutput, byte[] StandardError, int? ExitStatus, string? ExitSignal);
