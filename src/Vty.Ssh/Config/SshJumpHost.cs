using System.Globalization;

namespace Vty.Ssh.Config;

/// <summary>One hop of a ProxyJump chain: [user@]host[:port] or ssh://[user@]host[:port].</summary>
public sealed record SshJumpHost(string? User, string Host, int? Port)
{
    /// <summary>
    /// Parses a ProxyJump value: a comma-separated chain, or "none" (an empty chain, which turns
    /// jumping off). Throws <see cref="FormatException"/> for a malformed hop.
    /// </summary>
    public static IReadOnlyList<SshJumpHost> ParseChain(string value)
    {
        if (string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase)) return [];
        var hops = new List<SshJumpHost>();
        foreach (string hop in value.Split(',', StringSplitOptions.TrimEntries))
            hops.Add(Parse(hop));
        return hops;
    }

    /// <summary>One hop; throws <see cref="FormatException"/> when it names no host or a bad port.</summary>
    public static SshJumpHost Parse(string text)
    {
        string rest = text;
        if (rest.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)) rest = rest[6..].TrimEnd('/');
        string? user = null;
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = Uri.UnescapeDataString(rest[..at]);
            rest = rest[(at + 1)..];
        }
        (string host, int? port) = SplitHostPort(rest, text);
        if (host.Length == 0 || (user is { Length: 0 })) throw new FormatException($"'{text}' is not a jump host (expected [user@]host[:port])");
        return new SshJumpHost(user, host, port);
    }

    /// <summary>host, host:port, [v6], [v6]:port; a bare IPv6 address without a port is the host.</summary>
    internal static (string Host, int? Port) SplitHostPort(string text, string whole)
    {
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0) throw new FormatException($"'{whole}' has an unclosed '['");
            string host = text[1..close];
            string after = text[(close + 1)..];
            if (after.Length == 0) return (host, null);
            if (after[0] != ':') throw new FormatException($"'{whole}' has text after ']' that is not :port");
            return (host, ParsePort(after[1..], whole));
        }
        int colon = text.IndexOf(':');
        if (colon < 0 || text.IndexOf(':', colon + 1) >= 0) return (text, null);
        return (text[..colon], ParsePort(text[(colon + 1)..], whole));
    }

    internal static int ParsePort(string text, string whole) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"'{text}' in '{whole}' is not a port (1-65535)");

    /// <summary>[user@]host[:port], as ProxyJump writes it.</summary>
    public override string ToString()
    {
        string host = Host.Contains(':') ? $"[{Host}]" : Host;
        return (User is null ? "" : User + "@") + host + (Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "");
    }
}
