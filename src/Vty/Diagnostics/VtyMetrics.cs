using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Vty.Diagnostics;

/// <summary>
/// Vty's instruments on <see cref="VtyTelemetry.Meter"/>. Durations are histograms in seconds;
/// counters carry <c>vty.protocol</c>, host counts <c>vty.status</c>. Host names are not metric
/// tags (a fleet of thousands would make thousands of series); traces carry them.
/// </summary>
internal static class VtyMetrics
{
    /// <summary><c>vty.connections.opened</c>: transports opened (TCP plus handshake; SSH includes authentication).</summary>
    public static readonly Counter<long> ConnectionsOpened = VtyTelemetry.Meter.CreateCounter<long>("vty.connections.opened", "{connection}", "Connections opened (Telnet negotiated, SSH authenticated, or an emulated device attached).");

    /// <summary><c>vty.connections.failed</c>: connects or handshakes that failed.</summary>
    public static readonly Counter<long> ConnectionsFailed = VtyTelemetry.Meter.CreateCounter<long>("vty.connections.failed", "{connection}", "Connections that could not be opened (refused, unreachable, handshake, host key or authentication failure).");

    /// <summary><c>vty.connection.handshake.duration</c>.</summary>
    public static readonly Histogram<double> HandshakeDuration = VtyTelemetry.Meter.CreateHistogram<double>("vty.connection.handshake.duration", "s", "TCP connect plus Telnet negotiation, or SSH key exchange and authentication.");

    /// <summary><c>vty.login.duration</c>.</summary>
    public static readonly Histogram<double> LoginDuration = VtyTelemetry.Meter.CreateHistogram<double>("vty.login.duration", "s", "The whole login: protocol authentication, the device's login dialog and enable.");

    /// <summary><c>vty.command.duration</c>.</summary>
    public static readonly Histogram<double> CommandDuration = VtyTelemetry.Meter.CreateHistogram<double>("vty.command.duration", "s", "From sending a command to its prompt (or failure).");

    /// <summary><c>vty.bytes.received</c>: bytes read from device sessions.</summary>
    public static readonly Counter<long> BytesReceived = VtyTelemetry.Meter.CreateCounter<long>("vty.bytes.received", "By", "Bytes received from devices (session stream, after the transport).");

    /// <summary><c>vty.bytes.sent</c>: bytes written to device sessions.</summary>
    public static readonly Counter<long> BytesSent = VtyTelemetry.Meter.CreateCounter<long>("vty.bytes.sent", "By", "Bytes sent to devices (session stream, before the transport).");

    /// <summary><c>vty.hosts</c>: fleet hosts finished, by <c>vty.status</c> (also <c>not-started</c>).</summary>
    public static readonly Counter<long> Hosts = VtyTelemetry.Meter.CreateCounter<long>("vty.hosts", "{host}", "Fleet hosts by outcome.");

    public static TagList Protocol(string protocol) => new() { { VtyTelemetry.ProtocolTag, protocol } };

    public static double SecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalSeconds;
}
