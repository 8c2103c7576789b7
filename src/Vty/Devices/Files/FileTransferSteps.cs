using Vty.Ssh;

namespace Vty.Devices;

/// <summary>The steps of one device file transfer so far; turns a failing step into a <see cref="DeviceFileTransferException"/> that carries them.</summary>
internal sealed class FileTransferSteps(Action<DeviceFileTransferStep>? completed)
{
    private readonly List<DeviceFileTransferStep> _steps = [];

    public IReadOnlyList<DeviceFileTransferStep> All => _steps.ToArray();

    public void Add(string name, string detail)
    {
        var step = new DeviceFileTransferStep(name, detail);
        _steps.Add(step);
        completed?.Invoke(step);
    }

    /// <summary>
    /// Runs one step's work. A device that cannot do it, or an SSH file error, becomes a
    /// <see cref="DeviceFileTransferException"/> (prefixed with <paramref name="what"/>); a lost
    /// connection, a timeout or a rejected command stays what it is, so the fleet runner classifies it.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, string? what = null)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (DeviceOperationException e) when (e is not DeviceFileTransferException)
        {
            throw new DeviceFileTransferException(what is null ? e.Message : $"{what}: {e.Message}", All, e);
        }
        catch (SshException e)
        {
            throw new DeviceFileTransferException(what is null ? e.Message : $"{what}: {e.Message}", All, e);
        }
    }
}
