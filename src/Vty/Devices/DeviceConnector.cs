using Vty.Accounts;
using Vty.Hosts;
using Vty.Inventory;
using Vty.Protocols;
using Vty.Ssh.Keys;

namespace Vty.Devices;

/// <summary>Opens a logged-in, initialised <see cref="DeviceSession"/> to an inventory host.</summary>
public static class DeviceConnector
{
    /// <summary>
    /// Connects (scheme from the URL), logs in with <paramref name="credentials"/>, enables when
    /// asked and turns paging off. <paramref name="transcript"/> receives what the device prints
    /// (secrets masked by the protocol).
    /// </summary>
    public static async Task<DeviceSession> ConnectAsync(
        InventoryHost host, HostCredentials credentials, DeviceConnectOptions? options = null,
        TextWriter? transcript = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new DeviceConnectOptions();
        HostUrl url = HostUrl.Parse(host.Url);
        ProtocolOptions protocolOptions = CreateProtocolOptions(host, credentials, options, transcript);
        AccountLease? lease = options.AccountPool is { } pool ? await pool.AcquireAsync(cancellationToken).ConfigureAwait(false) : null;
        Protocol? protocol = null;
        try
        {
            protocol = Protocol.Create(url, protocolOptions);
            await protocol.ConnectAsync(url.Host, url.Port ?? 0, cancellationToken).ConfigureAwait(false);
            Account account = lease?.Account ?? CreateAccount(url, credentials);
            await protocol.LoginAsync(account, cancellationToken: cancellationToken).ConfigureAwait(false);
            await protocol.AutoInitAsync(cancellationToken).ConfigureAwait(false);
            return new DeviceSession(protocol, ownsProtocol: true, lease);
        }
        catch
        {
            if (protocol is not null)
                await protocol.DisposeAsync().ConfigureAwait(false);
            lease?.Dispose();
            throw;
        }
    }

    /// <summary>The account for a host: credentials first, then the URL's user and password, then the local user name.</summary>
    public static Account CreateAccount(HostUrl url, HostCredentials credentials) =>
        new(credentials.Username ?? url.UserName ?? Environment.UserName,
            credentials.Password ?? url.Password,
            credentials.EnablePassword ?? url.Password2);

    internal static ProtocolOptions CreateProtocolOptions(InventoryHost host, HostCredentials credentials, DeviceConnectOptions options, TextWriter? transcript)
    {
        var protocolOptions = new ProtocolOptions
        {
            Driver = host.Driver ?? "auto",
            DriverCatalog = options.DriverCatalog,
            Transcript = transcript,
            Authorization = options.Enable ? AuthorizationMode.Required : AuthorizationMode.Never,
            LoggerFactory = options.LoggerFactory,
        };
        if (host.Settings.Encoding is { } encoding)
            protocolOptions.Encoding = Text.DeviceEncoding.Get(encoding);
        if (options.CommandTimeout is TimeSpan command)
            protocolOptions.CommandTimeout = command;
        if (options.ConnectTimeout is TimeSpan connect)
            protocolOptions.ConnectTimeout = connect;
        if (host.Settings.MaxOutput is long maxOutput)
            protocolOptions.MaxOutput = maxOutput;
        bool legacy = host.Settings.Legacy == true;
        protocolOptions.ConfigureSsh = ssh =>
        {
            ssh.Legacy |= legacy;
            if (credentials.KeyFile is string keyFile)
                ssh.PrivateKeys.Add(SshPrivateKey.FromFile(keyFile, credentials.KeyPassphrase));
            options.ConfigureSsh?.Invoke(host, ssh);
        };
        options.ConfigureProtocol?.Invoke(host, protocolOptions);
        return protocolOptions;
    }
}
