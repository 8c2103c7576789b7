namespace Vty.Drivers;

/// <summary>How a platform grants privileges, which decides what <c>--enable</c> does.</summary>
public enum PrivilegeModel
{
    /// <summary>A step raises privileges (a path from a user mode to a privileged mode, such as <c>enable</c>).</summary>
    Enable,

    /// <summary>Privileges come with the account (Junos, VRP, a Unix shell): nothing to raise, enable succeeds at once.</summary>
    Account,

    /// <summary>Not known (the generic driver): enable fails and asks for a named driver.</summary>
    Unknown,
}
