using Vty.Inventory;
using Vty.Protocols;

namespace Vty.Devices;

/// <summary>How <see cref="DeviceConnector"/> opens sessions to inventory hosts.</summary>
public sealed class DeviceConnectOptions
{
    /// <summary>Enter privileged mode during login (enable), as <c>--enable</c> asks.</summary>
    public bool Enable { get; set; }

    /// <summary>Drivers to name and guess from (built-ins plus user driver files); null: the built-in catalogue.</summary>
    public Drivers.DriverCatalog? DriverCatalog { get; set; }

    /// <summary>Default time for each command; null: the protocol's default (30 s).</summary>
    public TimeSpan? CommandTimeout { get; set; }

    /// <summary>TCP connect plus handshake; null: the protocol's default.</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>
    /// Accounts shared by the whole run: each session leases one for its lifetime (waiting when all
    /// are in use) instead of using the host's own credentials, so N accounts bound the concurrent
    /// logins per account (AAA servers that refuse parallel logins, per-user session limits).
    /// </summary>
    public Accounts.AccountPool? AccountPool { get; set; }

    /// <summary>Adjusts each SSH host's client options (host-key policy, algorithms, extra keys) after the inventory's settings are applied.</summary>
    public Action<InventoryHost, Ssh.SshClientOptions>? ConfigureSsh { get; set; }

    /// <summary>Loggers for every session (see <see cref="ProtocolOptions.LoggerFactory"/>); null: no logging.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Last word on the protocol options of each host (connection options from the command line, lab device settings in tests).</summary>
    public Action<InventoryHost, ProtocolOptions>? ConfigureProtocol { get; set; }
}
