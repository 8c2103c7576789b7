namespace Vty.Inventory;

/// <summary>
/// Turns merged settings into one connection URL: adds the scheme to bare addresses and the
/// username and port when the URL lacks them. Only splits the authority; the protocol layer
/// parses the result fully.
/// </summary>
internal static class HostUrlBuilder
{
    // The authority ends at the path, the query (dummy://r1?profile=ios) or the fragment.
    private static readonly char[] AuthorityEnd = ['/', '?', '#'];

    public static string Build(HostSettings settings, string fallbackAddress)
    {
        string raw = string.IsNullOrWhiteSpace(settings.Url) ? fallbackAddress : settings.Url.Trim();
        string scheme;
        string rest;
        int sep = raw.IndexOf("://", StringComparison.Ordinal);
        if (sep >= 0)
        {
            scheme = raw[..sep].ToLowerInvariant();
            rest = raw[(sep + 3)..];
        }
        else
        {
            scheme = (settings.Protocol ?? "ssh").ToLowerInvariant();
            rest = raw;
        }
        if (!Protocols.ProtocolRegistry.IsRegistered(scheme))
            throw new InventoryException($"unknown protocol '{scheme}' in '{raw}': use {Protocols.ProtocolRegistry.DescribeSchemes()}");

        int pathStart = rest.IndexOfAny(AuthorityEnd);
        string authority = pathStart >= 0 ? rest[..pathStart] : rest;
        string path = pathStart >= 0 ? rest[pathStart..] : "";
        int at = authority.LastIndexOf('@');
        string? userInfo = at >= 0 ? authority[..at] : null;
        string hostPort = at >= 0 ? authority[(at + 1)..] : authority;
        (string host, string? port) = SplitHostPort(hostPort);
        if (host.Length == 0)
            throw new InventoryException($"'{raw}' has no host name or address");

        if (userInfo is null && !string.IsNullOrEmpty(settings.Username))
            userInfo = Uri.EscapeDataString(settings.Username);
        if (settings.Port is int p)
        {
            if (p is < 1 or > 65535)
                throw new InventoryException($"port {p} for '{raw}' is out of range 1-65535");
            port = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        string url = scheme + "://" + (userInfo is null ? "" : userInfo + "@") + host + (port is null ? "" : ":" + port) + path;
        return url;
    }

    /// <summary>
    /// The result name of a URL built by <see cref="Build"/>: the host, plus <c>:port</c> when the
    /// URL gives one (<c>r1:2222</c>, <c>[::1]:2222</c>), so two ports of one address stay apart.
    /// </summary>
    public static string HostName(string url)
    {
        int sep = url.IndexOf("://", StringComparison.Ordinal);
        string rest = sep >= 0 ? url[(sep + 3)..] : url;
        int slash = rest.IndexOfAny(AuthorityEnd);
        if (slash >= 0) rest = rest[..slash];
        int at = rest.LastIndexOf('@');
        if (at >= 0) rest = rest[(at + 1)..];
        (string host, string? port) = SplitHostPort(rest);
        return port is null ? host.Trim('[', ']') : host + ":" + port;
    }

    private static (string Host, string? Port) SplitHostPort(string hostPort)
    {
        if (hostPort.StartsWith('['))
        {
            int close = hostPort.IndexOf(']');
            if (close < 0) return (hostPort, null);
            string host = hostPort[..(close + 1)];
            string tail = hostPort[(close + 1)..];
            return (host, tail.StartsWith(':') && tail.Length > 1 ? tail[1..] : null);
        }
        int colon = hostPort.LastIndexOf(':');
        // A bare IPv6 address has several colons and no port.
        if (colon < 0 || hostPort.IndexOf(':') != colon)
            return (hostPort, null);
        return (hostPort[..colon], colon + 1 < hostPort.Length ? hostPort[(colon + 1)..] : null);
    }
}
