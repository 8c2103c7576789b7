using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Vty.Diagnostics;

/// <summary>
/// The <see cref="Meter"/> and <see cref="ActivitySource"/> Vty reports through, both named
/// <c>Vty</c>: subscribe with <c>AddMeter("Vty")</c> / <c>AddSource("Vty")</c> (OpenTelemetry) or a
/// <see cref="MeterListener"/> / <see cref="ActivityListener"/>. Tags never carry a secret.
/// </summary>
/// <remarks>
/// Activities: <c>vty.host</c> (one per fleet host: <c>vty.host</c>, <c>vty.driver</c>,
/// <c>vty.status</c>, <c>vty.attempts</c>), <c>vty.connect</c>, <c>vty.login</c> and
/// <c>vty.command</c> (<c>vty.host</c>, <c>vty.driver</c>, <c>vty.command</c>, <c>vty.status</c>).
/// Instruments: see <see cref="VtyMetrics"/>.
/// </remarks>
public static class VtyTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Vty";

    private static readonly string? Version = typeof(VtyTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>Where Vty's activities (traces) start.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Where Vty's instruments (metrics) live.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>Tag: host name as the inventory or URL gives it.</summary>
    public const string HostTag = "vty.host";

    /// <summary>Tag: driver name (<c>ios</c>, <c>junos</c>, …).</summary>
    public const string DriverTag = "vty.driver";

    /// <summary>Tag: outcome (<c>ok</c>, <c>command-error</c>, <c>login-failed</c>, <c>timeout</c>, <c>unreachable</c>, <c>cancelled</c>, …).</summary>
    public const string StatusTag = "vty.status";

    /// <summary>Tag: transport (<c>ssh</c>, <c>telnet</c>, <c>dummy</c>, <c>stream</c>).</summary>
    public const string ProtocolTag = "vty.protocol";

    /// <summary>Tag: the command line sent.</summary>
    public const string CommandTag = "vty.command";

    /// <summary>Tag: attempts a fleet host took.</summary>
    public const string AttemptsTag = "vty.attempts";
}
