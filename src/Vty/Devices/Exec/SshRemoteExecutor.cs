using Vty.Ssh;

namespace Vty.Devices.Exec;

/// <summary>Runs commands over SSH exec channels of one connection (several may run at once).</summary>
public sealed class SshRemoteExecutor : IRemoteExecutor
{
    private readonly SshClient _client;
    private readonly bool _ownsClient;

    public SshRemoteExecutor(SshClient client, string host, bool ownsClient = true)
    {
        _client = client;
        Host = host;
        _ownsClient = ownsClient;
    }

    public string Host { get; }

    /// <summary>Connects and authenticates with <paramref name="options"/>.</summary>
    public static async Task<SshRemoteExecutor> ConnectAsync(SshClientOptions options, CancellationToken cancellationToken)
    {
        SshClient client = await SshClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        return new SshRemoteExecutor(client, options.Host);
    }

    public async Task<IRemoteProcess> StartAsync(string command, CancellationToken cancellationToken)
    {
        SshExecSession session = await _client.StartExecAsync(command, cancellationToken).ConfigureAwait(false);
        return new Process(session);
    }

    public ValueTask DisposeAsync() => _ownsClient ? _client.DisposeAsync() : ValueTask.CompletedTask;

    private sealed class Process(SshExecSession session) : IRemoteProcess
    {
        public Stream StandardInput => session.StandardInput;
        public Stream StandardOutput => session.StandardOutput;
        public Stream StandardError => session.StandardError;

        public ValueTask CloseInputAsync(CancellationToken cancellationToken) => session.CloseInputAsync(cancellationToken);

        public async Task<(int? ExitStatus, string? ExitSignal)> WaitForExitAsync(CancellationToken cancellationToken)
        {
            int? status = await session.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (status, session.ExitSignal);
        }

        public ValueTask DisposeAsync() => session.DisposeAsync();
    }
}
