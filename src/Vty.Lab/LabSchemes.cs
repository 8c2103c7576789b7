using Vty.Devices.Exec;
using Vty.Lab.Protocols;
using Vty.Protocols;

namespace Vty.Lab;

/// <summary>
/// Adds the lab's <c>dummy://</c> scheme to the core: sessions (<see cref="DummyProtocol"/>, an
/// in-memory emulated device) and exec steps (<see cref="LabRemoteExecutor"/>). The core does not
/// know the lab; a program that wants <c>dummy://</c> URLs calls <see cref="Register"/> once at start-up.
/// </summary>
public static class LabSchemes
{
    /// <summary>The scheme the lab serves.</summary>
    public const string Dummy = "dummy";

    /// <summary>Registers <c>dummy://</c> (sessions) and <c>dummy://</c>/<c>pseudo://</c> (exec). Safe to call more than once.</summary>
    public static void Register()
    {
        ProtocolRegistry.Register(Dummy, static options => new DummyProtocol(options));
        RemoteExecutors.Register(Dummy, OpenExecAsync);
        RemoteExecutors.Register("pseudo", OpenExecAsync);
    }

    private static Task<IRemoteExecutor> OpenExecAsync(Inventory.InventoryHost host, Hosts.HostUrl url, Inventory.HostCredentials credentials, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string profile = url.GetVariable("profile") ?? (host.Driver is string d && DeviceProfiles.TryGet(d, out _) ? d : "linux");
        var device = new EmulatedDevice(DeviceProfiles.Get(profile), new LabDeviceOptions
        {
            Hostname = url.Host,
            Username = credentials.Username ?? url.UserName ?? "lab",
            Password = credentials.Password ?? url.Password ?? "lab",
        });
        return Task.FromResult<IRemoteExecutor>(new LabRemoteExecutor(device, host.Name));
    }
}
