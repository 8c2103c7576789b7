using System.Globalization;
using System.Text.RegularExpressions;
using Vty.Cli.Output;

namespace Vty.Cli.Commands.History;

/// <summary>Durations written as operators write them: <c>90s</c>, <c>15m</c>, <c>1h</c>, <c>1h30m</c>, <c>2d</c>.</summary>
internal static partial class DurationValue
{
    public static TimeSpan Parse(string text, string option)
    {
        Match m = Pattern().Match(text.Trim());
        if (!m.Success || m.Length == 0)
            throw new UsageException($"{option} '{text}' is not a duration", "write it like 90s, 15m, 1h or 1h30m");
        TimeSpan total = TimeSpan.Zero;
        foreach (Capture part in m.Groups["part"].Captures)
        {
            string p = part.Value;
            double n = double.Parse(p[..^1], CultureInfo.InvariantCulture);
            total += p[^1] switch
            {
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }
        if (total <= TimeSpan.Zero)
            throw new UsageException($"{option} must be longer than zero, not '{text}'", "write it like 90s, 15m, 1h or 1h30m");
        return total;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?[dhms])+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
