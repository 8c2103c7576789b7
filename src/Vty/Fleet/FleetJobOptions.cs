using Vty.Devices;
using Vty.Inventory;

namespace Vty.Fleet;

/// <summary>What the ready-made fleet jobs (<see cref="FleetJobs"/>) need besides their commands.</summary>
public sealed class FleetJobOptions
{
    /// <summary>Where secrets come from (environment, prompt).</summary>
    public SecretResolver Secrets { get; set; } = new();

    /// <summary>How sessions are opened (enable, timeouts, protocol options per host).</summary>
    public DeviceConnectOptions Connect { get; set; } = new();

    /// <summary>For configuration sets: stop at the first rejected line (default) or go on.</summary>
    public bool StopOnError { get; set; } = true;

    /// <summary>
    /// When set, command jobs parse each output with the TextFSM template these folders name for
    /// the host's platform and the command (<c>vty run --parse</c>); outputs without one keep their text.
    /// </summary>
    public Parsing.TemplateLibrary? ParseWith { get; set; }
}
