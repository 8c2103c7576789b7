using System.Collections.Concurrent;
using Vty.Hosts;
using Vty.Inventory;
using Vty.Ssh;
using Vty.Ssh.Keys;

namespace Vty.Devices.Exec;

/// <summary>Opens the exec side of one host for a registered scheme (see <see cref="RemoteExecutors.Register"/>).</summary>
public delegate Task<IRemoteExecutor> RemoteExecutorFactory(InventoryHost host, HostUrl url, HostCredentials credentials, CancellationToken cancellationToken);

/// <summary>
/// Opens the exec side of a host (Fabric style): an SSH connection, or what another package
/// registered for its scheme (the lab: a fresh emulated device for <c>dummy://</c>).
/// </summary>
public static class RemoteExecutors
{
    private static readonly ConcurrentDictionary<string, RemoteExecutorFactory> Factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Lets hosts reached by <paramref name="scheme"/> URLs run exec steps through <paramref name="open"/>.</summary>
    public static void Register(string scheme, RemoteExecutorFactory open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        ArgumentNullException.ThrowIfNull(open);
        if (scheme is "ssh" or "ssh2")
            throw new ArgumentException($"'{scheme}' is built in and cannot be replaced", nameof(scheme));
        Factories[scheme.ToLowerInvariant()] = open;
    }

    /// <summary>Connects to the host for exec; Telnet hosts have no exec channel.</summary>
    /// <exception cref="DeviceOperationException">The host is reached over a scheme without exec (Telnet).</exception>
    public static async Task<IRemoteExecutor> ConnectAsync(
        InventoryHost host, HostCredentials credentials, Action<SshClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        HostUrl url = HostUrl.Parse(host.Url);
        if (url.Scheme is "ssh" or "ssh2")
        {
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
        }
        if (Factories.TryGetValue(url.Scheme, out RemoteExecutorFactory? open))
            return await open(host, url, credentials, cancellationToken).ConfigureAwait(false);
        throw new DeviceOperationException($"host {host.Name} is reached over {url.Scheme}, which has no exec channel; 'run'/'sudo' steps need ssh:// (use 'command:' steps over Telnet)");
    }
}
