namespace Vty.Lab.Profiles.Cisco;

/// <summary>What differs between the Cisco-like profiles that share <see cref="CiscoCommands"/>.</summary>
internal sealed record CiscoFlavor
{
    /// <summary>Interfaces present from the start, in order, with their initial sub-lines.</summary>
    public required IReadOnlyList<(string Name, string[] Lines)> Interfaces { get; init; }

    /// <summary>The flash file system's name in commands ("flash:", "bootflash:"); null for none.</summary>
    public string? FlashName { get; init; } = "flash:";

    /// <summary>Whether <c>delete</c> asks for confirmation (IOS, IOS-XR) or deletes at once (EOS).</summary>
    public bool DeleteAsks { get; init; } = true;

    /// <summary>Interface types that <c>interface X</c> may create (Loopback, Vlan, Tunnel…).</summary>
    public required IReadOnlyList<string> CreatableTypes { get; init; }

    /// <summary>Physical interfaces that are layer-2 switch ports by default.</summary>
    public required Func<string, bool> IsSwitchPort { get; init; }

    /// <summary>Global lines before the interfaces (after <c>hostname</c>).</summary>
    public required IReadOnlyList<string> GlobalLines { get; init; }

    /// <summary>Global lines after the interfaces (lines, ntp, end marker excluded).</summary>
    public required IReadOnlyList<string> TrailerLines { get; init; }

    /// <summary><c>show version</c> text.</summary>
    public required Func<LabDeviceState, string> ShowVersion { get; init; }

    /// <summary><c>show inventory</c> text.</summary>
    public required string ShowInventory { get; init; }

    /// <summary>Lines before the configuration in <c>show running-config</c>.</summary>
    public required Func<LabDeviceState, string, string> RunningHeader { get; init; }

    /// <summary>Name of the default VLAN shown by <c>show vlan brief</c>.</summary>
    public bool ShowsLegacyVlans { get; init; } = true;

    /// <summary>Short interface name as listed in <c>show vlan brief</c> (Gi0/1, Et1…).</summary>
    public required Func<string, string> ShortName { get; init; }

    /// <summary>Line between configuration sections ("!" on IOS, "" on NX-OS).</summary>
    public string Separator { get; init; } = "!";

    /// <summary>True when the configuration ends with an <c>end</c> line.</summary>
    public bool RenderEnd { get; init; } = true;

    /// <summary><c>show ip interface brief</c> (null: the IOS format).</summary>
    public Func<ConfigNode, string>? IpInterfaceBrief { get; init; }

    /// <summary>Hardware description used by <c>show interfaces</c>.</summary>
    public string Hardware { get; init; } = "iGbE";
}
