using Vty.Hosts;
using Vty.Inventory;
using Vty.Lab;
using Vty.Ssh;
using Vty.Ssh.Keys;

namespace Vty.Devices.Exec;

/// <summary>Opens the exec side of a host (Fabric style): an SSH connection, or a fresh lab device for <c>dummy://</c>.</summary>
public static class RemoteExecutors
{
    /// <summary>Connects to the host for exec; Telnet hosts have no exec channel.</summary>
    /// <exception cref="DeviceOperationException">The host is reached over Telnet.</exception>
    public static async Task<IRemoteExecutor> ConnectAsync(
        InventoryHost host, HostCredentials credentials, Action<SshClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        HostUrl url = HostUrl.Parse(host.Url);
        switch (url.Scheme)
        {
            case "ssh" or "ssh2":
                var options = new SshClientOptions
                {
                    Host = url.Host,
                    Port = url.Port ?? 22,
                    Username = credentials.Username ?? url.UserName ?? Environment.UserName,
                    Password = credentials.Password ?? url.Password,
                    Legacy = host.Settings.Legacy == true,
                };
                if (credentials.KeyFile is string keyFile)
                    options.PrivateKeys.Add(SshPrivateKey.FromFile(keyFile, credentials.KeyPassphrase));
                configure?.Invoke(options);
                return await SshRemoteExecutor.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            case "dummy" or "pseudo":
                string profile = url.GetVariable("profile") ?? (host.Driver is string d && DeviceProfiles.TryGet(d, out _) ? d : "linux");
                var device = new EmulatedDevice(DeviceProfiles.Get(profile), new LabDeviceOptions { Hostname = url.Host, Username = credentials.Username ?? url.UserName ?? "lab", Password = credentials.Password ?? url.Password ?? "lab" });
                return new LabRemoteExecutor(device, host.Name);
            default:
                throw new DeviceOperationException($"host {host.Name} is reached over {url.Scheme}, which has no exec channel; 'run'/'sudo' steps need ssh:// (use 'command:' steps over Telnet)");
        }
    }
}
