using Vty.Devices;

namespace Vty.Changes;

/// <summary>
/// One whole-configuration replace: the session, the configuration as stored (secrets scrubbed),
/// the same with the device's secrets put back (what is sent), the user's choices and where each
/// step is reported.
/// </summary>
internal sealed record ConfigReplaceRequest(
    DeviceSession Device,
    string Stored,
    string Full,
    ConfigChangeOptions Change,
    Action<string, string, TimeSpan> Report)
{
    /// <summary>The commit comment: the user's, or one that says where the change came from.</summary>
    public string Comment => Change.Comment ?? "vty rollback";
}
