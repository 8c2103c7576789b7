using Vty.Hosts;
using Vty.Inventory;
using Vty.Lab;

namespace Vty.Devices.Exec;

/// <summary>Opens the exec side of a host (Fabric style): an SSH connection, or a fresh lab device for <c>dummy://</c>.</summary>
public static class RemoteExecutors
{
    /// <summary>Connects to the host for exec; Telnet hosts have no exec channel.</summary>
    /// <exception cref="DeviceOperationException">The host is reached over Telnet.</exception>
    public static Task<IRemoteExecutor> ConnectAsync(
        InventoryHost host, HostCredentials credentials, CancellationToken cancellationToken = default)
    {
        HostUrl url = HostUrl.Parse(host.Url);
        switch (url.Scheme)
        {
            case "dummy" or "pseudo":
                string profile = host.Driver is string d && DeviceProfiles.Names.Contains(d) ? d : "linux";
                var device = new EmulatedDevice(DeviceProfiles.Get(profile), new LabDeviceOptions { Hostname = url.Host });
                return Task.FromResult<IRemoteExecutor>(new LabRemoteExecutor(device, host.Name));
            default:
                throw new DeviceOperationException($"host {host.Name} is reached over {url.Scheme}, which has no exec channel; 'run'/'sudo' steps need ssh:// (use 'command:' steps over Telnet)");
        }
    }
}
