namespace Vty.Lab.Tests.Interop;

/// <summary>
/// One Netmiko session against one lab device: log in, optionally <c>enable()</c>, run a show
/// command, send a configuration set (and <c>commit()</c> on commit-based platforms), then read the
/// configuration back. <see cref="Marker"/> is text the change adds that the device did not have.
/// </summary>
public sealed record NetmikoCase(
    string Name,
    string Profile,
    string DeviceType,
    bool Telnet,
    string Show,
    string ShowExpect,
    string[] Config,
    string Verify,
    string Marker,
    bool Enable = false,
    bool Commit = false)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
