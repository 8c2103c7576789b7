namespace Vty.Devices.Exec;

/// <summary>A command running on a remote host, with streaming stdin, stdout and stderr.</summary>
public interface IRemoteProcess : IAsyncDisposable
{
    /// <summary>Writes go to the command's stdin.</summary>
    Stream StandardInput { get; }

    /// <summary>The command's stdout.</summary>
    Stream StandardOutput { get; }

    /// <summary>The command's stderr.</summary>
    Stream StandardError { get; }

    /// <summary>Sends end-of-file on stdin.</summary>
    ValueTask CloseInputAsync(CancellationToken cancellationToken);

    /// <summary>Waits for the command to end; returns its exit status (null when killed) and signal.</summary>
    Task<(int? ExitStatus, string? ExitSignal)> WaitForExitAsync(CancellationToken cancellationToken);
}
