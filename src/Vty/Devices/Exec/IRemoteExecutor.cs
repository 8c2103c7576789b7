namespace Vty.Devices.Exec;

/// <summary>Starts commands on one remote host without a terminal (SSH exec channels, or a lab device).</summary>
public interface IRemoteExecutor : IAsyncDisposable
{
    /// <summary>The host's name, for messages.</summary>
    string Host { get; }

    /// <summary>Starts <paramref name="command"/> (run by the host's shell).</summary>
    Task<IRemoteProcess> StartAsync(string command, CancellationToken cancellationToken);
}
