using System.Text.RegularExpressions;

namespace Vty.Lab.Profiles.Common;

/// <summary>Line filters shared by the output modifiers of several OSes.</summary>
internal static class TextFilters
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static Regex Pattern(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException)
        {
            return new Regex(Regex.Escape(pattern), RegexOptions.CultureInvariant, RegexTimeout);
        }
    }

    public static IEnumerable<string> Include(IEnumerable<string> lines, string pattern)
    {
        Regex re = Pattern(pattern);
        return lines.Where(l => re.IsMatch(l));
    }

    public static IEnumerable<string> Exclude(IEnumerable<string> lines, string pattern)
    {
        Regex re = Pattern(pattern);
        return lines.Where(l => !re.IsMatch(l));
    }

    public static IEnumerable<string> Begin(IEnumerable<string> lines, string pattern)
    {
        Regex re = Pattern(pattern);
        return lines.SkipWhile(l => !re.IsMatch(l));
    }

    /// <summary>Cisco <c>| section</c>: matching top-level lines with their indented children.</summary>
    public static IEnumerable<string> Section(IEnumerable<string> lines, string pattern)
    {
        Regex re = Pattern(pattern);
        bool inSection = false;
        foreach (string l in lines)
        {
            bool indented = l.Length > 0 && l[0] == ' ';
            if (!indented)
                inSection = re.IsMatch(l);
            if (inSection || (indented && re.IsMatch(l)))
                yield return l;
        }
    }

    public static IEnumerable<string> Count(IEnumerable<string> lines, string pattern, string format)
    {
        Regex? re = pattern.Length == 0 ? null : Pattern(pattern);
        int n = lines.Count(l => re is null || re.IsMatch(l));
        yield return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, n);
    }

    /// <summary>The standard Cisco-style modifiers (IOS, IOS-XE, IOS-XR, NX-OS, EOS).</summary>
    public static IReadOnlyList<LabPipeFilter> Cisco(bool noMore) =>
    [
        new("include <pattern...>", (l, c) => Include(l, c.Arg("pattern"))),
        new("exclude <pattern...>", (l, c) => Exclude(l, c.Arg("pattern"))),
        new("begin <pattern...>", (l, c) => Begin(l, c.Arg("pattern"))),
        new("section <pattern...>", (l, c) => Section(l, c.Arg("pattern"))),
        new("count [<pattern...>]", (l, c) => Count(l, c.Arg("pattern"), "Number of lines which match regexp = {0}")),
        .. noMore ? new LabPipeFilter[] { new("no-more", (l, _) => l, disablesPaging: true) } : [],
    ];
}
