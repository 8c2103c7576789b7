namespace Vty.Lab.Serving;

/// <summary>One served device: its name, profile, engine and where to reach it.</summary>
public sealed class LabHostDevice
{
    internal LabHostDevice(int index, string name, EmulatedDevice device)
    {
        Index = index;
        Name = name;
        Device = device;
    }

    /// <summary>Position in the lab (0-based).</summary>
    public int Index { get; }

    /// <summary>Inventory name, e.g. "r1-ios".</summary>
    public string Name { get; }

    /// <summary>The profile name (ios, junos, …), also used as the driver name.</summary>
    public string Profile => Device.Profile.Name;

    /// <summary>The emulated device (its state is shared by all its sessions).</summary>
    public EmulatedDevice Device { get; }

    /// <summary>SSH port, or null when SSH is not served.</summary>
    public int? SshPort { get; internal set; }

    /// <summary>Telnet port, or null when Telnet is not served.</summary>
    public int? TelnetPort { get; internal set; }

    /// <summary>Address the device listens on.</summary>
    public string Address { get; internal set; } = "127.0.0.1";

    /// <summary><c>ssh://127.0.0.1:PORT</c>, or null.</summary>
    public string? SshUrl => SshPort is { } port ? $"ssh://{HostPart}:{port}" : null;

    /// <summary><c>telnet://127.0.0.1:PORT</c>, or null.</summary>
    public string? TelnetUrl => TelnetPort is { } port ? $"telnet://{HostPart}:{port}" : null;

    private string HostPart => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]" : Address;
}
