namespace Vty.Lab.Profiles.Cisco;

/// <summary>Wording differences between IOS, IOS-XE, NX-OS and EOS for the shared command table.</summary>
internal sealed record CiscoDialect
{
    /// <summary>True when login lands in user mode and <c>enable</c> is needed.</summary>
    public bool UserMode { get; init; } = true;

    /// <summary>Printed by <c>configure terminal</c>.</summary>
    public string ConfigureMessage { get; init; } = "Enter configuration commands, one per line.  End with CNTL/Z.\n";

    /// <summary>Question asked by <c>copy running-config startup-config</c> (null: none).</summary>
    public string? CopyQuestion { get; init; } = "Destination filename [startup-config]? ";

    /// <summary>Printed when the configuration is saved.</summary>
    public string SaveMessage { get; init; } = "Building configuration...\n[OK]\n";

    /// <summary>True when <c>write memory</c> exists.</summary>
    public bool HasWriteMemory { get; init; } = true;

    /// <summary>Formats the clock for <c>show clock</c>.</summary>
    public Func<DateTimeOffset, string> Clock { get; init; } =
        t => t.ToString("'*'HH:mm:ss.fff 'UTC' ddd MMM d yyyy", System.Globalization.CultureInfo.InvariantCulture) + "\n";

    /// <summary>Printed when the startup configuration does not exist yet.</summary>
    public string NoStartupMessage { get; init; } = "startup-config is not present\n";

    /// <summary>Question asked by <c>reload</c>.</summary>
    public string ReloadQuestion { get; init; } = "Proceed with reload? [confirm]";

    /// <summary>True when a bare <c>configure</c> asks "from terminal, memory, or network" (IOS); false enters config mode.</summary>
    public bool ConfigureAsks { get; init; } = true;

    /// <summary>True when configuration changes go to a candidate that <c>commit</c> applies (IOS-XR).</summary>
    public bool CommitBased { get; init; }

    /// <summary>True when the VLAN database commands exist.</summary>
    public bool HasVlans { get; init; } = true;

    /// <summary>Keyword of interface addresses ("ip address", or "ipv4 address" on IOS-XR).</summary>
    public string AddressKeyword { get; init; } = "ip address";

    /// <summary>True when addresses are written and shown as a.b.c.d/len (NX-OS, EOS).</summary>
    public bool CidrAddresses { get; init; }

    /// <summary>Name of the show command for the brief address table.</summary>
    public string IpBriefCommand { get; init; } = "show ip interface brief";

    /// <summary>True when VLAN names may not contain spaces (one word).</summary>
    public bool VlanNameOneWord { get; init; } = true;
}
