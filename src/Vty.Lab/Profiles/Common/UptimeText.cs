using System.Globalization;

namespace Vty.Lab.Profiles.Common;

/// <summary>Uptime as Cisco-like devices print it ("12 weeks, 3 days, 4 hours, 7 minutes").</summary>
internal static class UptimeText
{
    public static string Cisco(TimeSpan uptime)
    {
        int weeks = uptime.Days / 7, days = uptime.Days % 7;
        var parts = new List<string>();
        if (weeks > 0)
            parts.Add(Unit(weeks, "week"));
        if (days > 0 || weeks > 0)
            parts.Add(Unit(days, "day"));
        parts.Add(Unit(uptime.Hours, "hour"));
        parts.Add(Unit(uptime.Minutes, "minute"));
        return string.Join(", ", parts);
    }

    private static string Unit(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
}
