using System.Net;
using Microsoft.Extensions.Logging;
using Vty.Ssh.Keys;

namespace Vty.Lab.Serving;

/// <summary>What a <see cref="LabHost"/> serves: how many devices, which profiles, which ports, which credentials.</summary>
public sealed class LabHostOptions
{
    /// <summary>Number of devices.</summary>
    public int Devices { get; set; } = 1;

    /// <summary>Profiles assigned round-robin to the devices (ios, junos, eos, …; see <see cref="DeviceProfiles.Names"/>).</summary>
    public IList<string> Profiles { get; set; } = new List<string> { "ios" };

    /// <summary>Address every device listens on.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>Serve each device over SSH.</summary>
    public bool Ssh { get; set; } = true;

    /// <summary>Serve each device over Telnet.</summary>
    public bool Telnet { get; set; } = true;

    /// <summary>SSH port of device 0; device i listens on SshBasePort + i. 0: every device gets an ephemeral port.</summary>
    public int SshBasePort { get; set; }

    /// <summary>Telnet port of device 0; device i listens on TelnetBasePort + i. 0: ephemeral ports.</summary>
    public int TelnetBasePort { get; set; }

    /// <summary>Login name on every device (SSH authentication and the Telnet login dialog).</summary>
    public string Username { get; set; } = "lab";

    /// <summary>Login password on every device.</summary>
    public string Password { get; set; } = "lab";

    /// <summary>Enable password (null: enable needs none).</summary>
    public string? EnablePassword { get; set; } = "lab";

    /// <summary>
    /// SSH host keys shared by all devices. Null: taken from <see cref="HostKeyDirectory"/> when set,
    /// else generated in memory at start (ed25519, ECDSA P-256, RSA).
    /// </summary>
    public IList<SshPrivateKey>? HostKeys { get; set; }

    /// <summary>Directory where host keys are loaded from or generated into, so known_hosts stays valid across runs.</summary>
    public string? HostKeyDirectory { get; set; }

    /// <summary>Adjusts one device's options before it is created (index, options): faults, login style, pager…</summary>
    public Action<int, LabDeviceOptions>? ConfigureDevice { get; set; }

    /// <summary>
    /// Let SSH clients forward ports through the devices (direct-tcpip, e.g. a device as a ProxyJump
    /// bastion, and tcpip-forward on loopback). Off by default, as on a hardened device.
    /// </summary>
    public bool AllowPortForwarding { get; set; }

    /// <summary>Time an SSH client has to finish key exchange and authentication.</summary>
    public TimeSpan SshHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time a Telnet client has to get through the device's login dialog before it is disconnected.</summary>
    public TimeSpan TelnetLoginGraceTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where server events go.</summary>
    public ILogger? Logger { get; set; }
}
