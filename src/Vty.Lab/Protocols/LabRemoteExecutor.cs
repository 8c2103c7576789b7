using System.Text;
using Vty.Devices.Exec;

namespace Vty.Lab.Protocols;

/// <summary>
/// Runs commands on an in-memory emulated device (the <c>dummy://</c> counterpart of SSH exec):
/// the device answers each command at once, so stdin is not used.
/// </summary>
public sealed class LabRemoteExecutor(EmulatedDevice device, string host) : IRemoteExecutor
{
    public string Host { get; } = host;

    public async Task<IRemoteProcess> StartAsync(string command, CancellationToken cancellationToken)
    {
        LabExecResult result = await device.ExecAsync(command, cancellationToken).ConfigureAwait(false);
        return new Finished(result);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Finished(LabExecResult result) : IRemoteProcess
    {
        public Stream StandardInput { get; } = Stream.Null;
        public Stream StandardOutput { get; } = new MemoryStream(Encoding.UTF8.GetBytes(result.Output), writable: false);
        public Stream StandardError { get; } = new MemoryStream(Encoding.UTF8.GetBytes(result.ErrorOutput), writable: false);

        public ValueTask CloseInputAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public Task<(int? ExitStatus, string? ExitSignal)> WaitForExitAsync(CancellationToken cancellationToken) =>
            Task.FromResult<(int?, string?)>((result.ExitStatus, null));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
