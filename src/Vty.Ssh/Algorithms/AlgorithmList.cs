using Vty.Ssh.Keys.Certificates;

namespace Vty.Ssh.Algorithms;

/// <summary>
/// OpenSSH's algorithm list syntax and the names Vty supports per category. A list "a,b" replaces
/// the defaults, "+a,b" appends to them, "-a,b" removes from them and "^a,b" puts them first;
/// names may use the wildcards * and ?, matched against the supported names. A name Vty cannot run
/// is an error, never silently offered.
/// </summary>
public static class AlgorithmList
{
    /// <summary>The OpenSSH option that holds a category's list.</summary>
    public static string OptionName(SshAlgorithmCategory category) => category switch
    {
        SshAlgorithmCategory.Kex => "KexAlgorithms",
        SshAlgorithmCategory.HostKey => "HostKeyAlgorithms",
        SshAlgorithmCategory.Cipher => "Ciphers",
        SshAlgorithmCategory.Mac => "MACs",
        SshAlgorithmCategory.PublicKey => "PubkeyAcceptedAlgorithms",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>Every name Vty can run in a category, defaults first, then legacy ones.</summary>
    public static IReadOnlyList<string> Supported(SshAlgorithmCategory category) => category switch
    {
        SshAlgorithmCategory.Kex => Union(Defaults(category, true), KeyExchangeMath.SupportedNames),
        SshAlgorithmCategory.Cipher => Union(Defaults(category, true), PacketProtection.SupportedCiphers),
        SshAlgorithmCategory.Mac => Union(Defaults(category, true), PacketProtection.SupportedMacs),
        SshAlgorithmCategory.HostKey => Union(Defaults(category, true), Union(SshCertificateAlgorithms.Default, SshCertificateAlgorithms.Legacy)),
        _ => Defaults(category, true),
    };

    /// <summary>The defaults of a category, with the legacy names appended when <paramref name="legacy"/>.</summary>
    public static IReadOnlyList<string> Defaults(SshAlgorithmCategory category, bool legacy)
    {
        var (defaults, legacyNames) = category switch
        {
            SshAlgorithmCategory.Kex => (SshAlgorithms.DefaultKex, SshAlgorithms.LegacyKex),
            SshAlgorithmCategory.HostKey => (SshAlgorithms.DefaultHostKey, SshAlgorithms.LegacyHostKey),
            // As OpenSSH's PubkeyAcceptedAlgorithms: certificates first, then plain keys.
            SshAlgorithmCategory.PublicKey => (SshAlgorithms.DefaultPublicKey, SshAlgorithms.LegacyPublicKey),
            SshAlgorithmCategory.Cipher => (SshAlgorithms.DefaultCiphers, SshAlgorithms.LegacyCiphers),
            SshAlgorithmCategory.Mac => (SshAlgorithms.DefaultMacs, SshAlgorithms.LegacyMacs),
            _ => throw new ArgumentOutOfRangeException(nameof(category)),
        };
        return legacy ? Union(defaults, legacyNames) : defaults;
    }

    /// <summary>
    /// Applies an OpenSSH list specification to <paramref name="defaults"/>. Throws
    /// <see cref="SshAlgorithmListException"/> for an empty result or a name Vty does not support.
    /// </summary>
    public static IReadOnlyList<string> Apply(SshAlgorithmCategory category, string specification, IReadOnlyList<string> defaults)
    {
        string option = OptionName(category);
        string spec = specification.Trim();
        if (spec.Length == 0) throw new SshAlgorithmListException(option, "the list is empty");
        char op = spec[0] is '+' or '-' or '^' ? spec[0] : '\0';
        string[] items = (op == '\0' ? spec : spec[1..]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) throw new SshAlgorithmListException(option, $"'{specification}' names no algorithm");
        IReadOnlyList<string> supported = Supported(category);
        List<string> result = op switch
        {
            // Removing a name Vty does not know is harmless (it was never offered), as in OpenSSH.
            '-' => [.. defaults.Where(d => !items.Any(pattern => WildcardMatches(pattern, d)))],
            '+' => [.. defaults, .. Expand(option, items, supported).Where(n => !defaults.Contains(n, StringComparer.Ordinal))],
            '^' => Prepend(Expand(option, items, supported), defaults),
            _ => [.. Expand(option, items, supported)],
        };
        if (result.Count == 0) throw new SshAlgorithmListException(option, $"'{specification}' leaves no algorithm to offer");
        return result;
    }

    /// <summary>Throws <see cref="SshAlgorithmListException"/> unless every name is one Vty can run (and there is at least one).</summary>
    public static void Validate(SshAlgorithmCategory category, IEnumerable<string>? names)
    {
        if (names is null) return;
        string option = OptionName(category);
        IReadOnlyList<string> supported = Supported(category);
        int count = 0;
        foreach (string name in names)
        {
            count++;
            if (!supported.Contains(name, StringComparer.Ordinal)) throw Unsupported(option, name, supported);
        }
        if (count == 0) throw new SshAlgorithmListException(option, "the list is empty");
    }

    private static List<string> Expand(string option, string[] items, IReadOnlyList<string> supported)
    {
        var names = new List<string>();
        foreach (string item in items)
        {
            bool wildcard = item.Contains('*') || item.Contains('?');
            var matches = wildcard ? supported.Where(s => WildcardMatches(item, s)).ToList() : supported.Contains(item, StringComparer.Ordinal) ? [item] : [];
            if (matches.Count == 0) throw Unsupported(option, item, supported);
            foreach (string match in matches)
                if (!names.Contains(match, StringComparer.Ordinal)) names.Add(match);
        }
        return names;
    }

    private static List<string> Prepend(List<string> first, IReadOnlyList<string> defaults) =>
        [.. first, .. defaults.Where(d => !first.Contains(d, StringComparer.Ordinal))];

    private static SshAlgorithmListException Unsupported(string option, string name, IReadOnlyList<string> supported) =>
        new(option, $"'{name}' is not an algorithm Vty implements; supported: {string.Join(",", supported)}");

    private static IReadOnlyList<string> Union(IReadOnlyList<string> first, IEnumerable<string> second) =>
        [.. first, .. second.Where(n => !first.Contains(n, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];

    /// <summary>OpenSSH-style pattern: * any run of characters, ? exactly one.</summary>
    internal static bool WildcardMatches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
