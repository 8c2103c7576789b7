using System.Text.RegularExpressions;

namespace Vty.Protocols;

/// <summary>A monitor pattern seen in the received text (see <c>Protocol.AddMonitor</c>).</summary>
/// <param name="Protocol">The session the text arrived on.</param>
/// <param name="Pattern">The monitor's pattern.</param>
/// <param name="Match">The match.</param>
public sealed record MonitorMatch(Protocol Protocol, Regex Pattern, Match Match);
