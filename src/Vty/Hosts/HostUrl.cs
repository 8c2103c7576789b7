using System.Globalization;
using System.Text;
using Vty.Accounts;

namespace Vty.Hosts;

/// <summary>
/// A host written as a URL: <c>scheme://user:password:password2@host:port?var=value&amp;var2=…</c>.
/// The scheme picks the transport (<c>ssh</c>, <c>telnet</c>, <c>dummy</c>), the optional user
/// info gives an account (<c>password2</c> is the authorization/enable password), and query
/// variables carry per-host options (<c>driver=ios</c>) and user variables. IPv6 literals are
/// written in brackets: <c>ssh://admin@[2001:db8::1]:2222</c>. Without a scheme the default
/// scheme applies (<c>telnet</c>, as in Exscript).
/// </summary>
/// <remarks>
/// User name and passwords are percent-decoded, so reserved characters in a password are written
/// <c>%40</c> (@), <c>%3A</c> (:) and so on. <see cref="ToString"/> re-encodes them and never drops
/// information, but it does print passwords; use <see cref="ToRedactedString"/> for logs.
/// </remarks>
public sealed class HostUrl
{
    private static readonly Dictionary<string, int> DefaultPorts = new(StringComparer.Ordinal)
    {
        ["telnet"] = 23,
        ["ssh"] = 22,
        ["ssh1"] = 22,
        ["ssh2"] = 22,
        ["ftp"] = 21,
        ["smtp"] = 25,
        ["http"] = 80,
        ["pop3"] = 110,
        ["imap"] = 143,
    };

    private readonly List<KeyValuePair<string, string>> _query;

    private HostUrl(string scheme, string host, int? port, string? userName, string? password, string? password2, string? path, List<KeyValuePair<string, string>> query)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
        UserName = userName;
        Password = password;
        Password2 = password2;
        Path = path;
        _query = query;
    }

    /// <summary>Lower-case scheme, e.g. <c>ssh</c>.</summary>
    public string Scheme { get; }

    /// <summary>Host name or address (IPv6 without brackets). For <c>pseudo://</c> URLs, the path.</summary>
    public string Host { get; }

    /// <summary>The explicit port, else the scheme's default port, else null (e.g. <c>dummy://</c>).</summary>
    public int? Port { get; }

    /// <summary>User name, or null when the URL has no user info; empty when written as <c>@host</c>.</summary>
    public string? UserName { get; }

    /// <summary>Login password, or null when absent (empty when written as <c>user:@host</c>).</summary>
    public string? Password { get; }

    /// <summary>Authorization (enable) password, the third user-info field, or null.</summary>
    public string? Password2 { get; }

    /// <summary>Anything after the host and port (<c>/path</c>), or the whole location for <c>pseudo://</c>.</summary>
    public string? Path { get; }

    /// <summary>Query variables in the order written; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

    /// <summary>Whether <see cref="Host"/> is an IPv6 literal (written in brackets).</summary>
    public bool IsIPv6Literal => Host.Contains(':', StringComparison.Ordinal) && !IsPathScheme(Scheme);

    /// <summary>The <c>driver</c> query variable, or null.</summary>
    public string? Driver => GetVariable("driver");

    /// <summary>Parses <paramref name="url"/>; a URL without a scheme gets <paramref name="defaultScheme"/>.</summary>
    /// <exception cref="HostUrlFormatException">The URL is malformed (the message says which part).</exception>
    public static HostUrl Parse(string url, string defaultScheme = "telnet")
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(defaultScheme);
        string text = url.Trim();
        if (text.Length == 0)
            throw new HostUrlFormatException("The host URL is empty. Write e.g. ssh://admin@router1:22 or just router1.");

        string scheme = defaultScheme.ToLowerInvariant();
        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = text[..schemeEnd].ToLowerInvariant();
            if (scheme.Length == 0 || !IsValidScheme(scheme))
                throw new HostUrlFormatException($"The host URL has an invalid scheme '{text[..schemeEnd]}'. Use letters, digits, '+', '-' or '.', e.g. ssh:// or telnet://.");
            text = text[(schemeEnd + 3)..];
        }

        if (IsPathScheme(scheme))
            return new HostUrl(scheme, text, null, null, null, null, text, []);

        // The user info ends at the last '@', so an unencoded '@' or '?' in a password still works.
        string? userName = null, password = null, password2 = null;
        int at = text.LastIndexOf('@');
        if (at >= 0)
        {
            SplitUserInfo(text[..at], out userName, out password, out password2);
            text = text[(at + 1)..];
        }

        var query = new List<KeyValuePair<string, string>>();
        int question = text.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            ParseQuery(text[(question + 1)..], query);
            text = text[..question];
        }

        string? path = null;
        int slash = text.IndexOf('/', text.StartsWith('[') ? Math.Max(text.IndexOf(']', StringComparison.Ordinal), 0) : 0);
        if (slash >= 0)
        {
            path = text[slash..];
            text = text[..slash];
        }

        ParseHostPort(text, out string host, out int? port);
        port ??= DefaultPorts.TryGetValue(scheme, out int known) ? known : null;
        return new HostUrl(scheme, host, port, userName, password, password2, path, query);
    }

    /// <summary>Like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string url, out HostUrl? result, string defaultScheme = "telnet")
    {
        try
        {
            result = Parse(url, defaultScheme);
            return true;
        }
        catch (HostUrlFormatException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>The first value of query variable <paramref name="name"/>, or null.</summary>
    public string? GetVariable(string name)
    {
        foreach (var pair in _query)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
                return pair.Value;
        }

        return null;
    }

    /// <summary>All values of query variable <paramref name="name"/> (Exscript treats variables as lists).</summary>
    public IReadOnlyList<string> GetVariables(string name) =>
        _query.Where(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Select(p => p.Value).ToList();

    /// <summary>The account written in the URL, or null when it has no user name.</summary>
    public Account? ToAccount() =>
        UserName is null ? null : new Account(UserName, Password, Password2);

    /// <summary>The URL with user info and query, passwords included (percent-encoded).</summary>
    public override string ToString() => Format(redact: false);

    /// <summary>The URL with every password replaced by <c>***</c>, safe for logs.</summary>
    public string ToRedactedString() => Format(redact: true);

    private string Format(bool redact)
    {
        var sb = new StringBuilder();
        sb.Append(Scheme).Append("://");
        if (IsPathScheme(Scheme))
            return sb.Append(Path).ToString();

        if (UserName is not null || Password is not null || Password2 is not null)
        {
            sb.Append(Encode(UserName ?? "", plusForSpace: false));
            if (Password is not null || Password2 is not null)
                sb.Append(':').Append(redact && !string.IsNullOrEmpty(Password) ? "***" : Encode(Password ?? "", plusForSpace: false));
            if (Password2 is not null)
                sb.Append(':').Append(redact && Password2.Length > 0 ? "***" : Encode(Password2, plusForSpace: false));
            sb.Append('@');
        }

        sb.Append(IsIPv6Literal ? "[" + Host + "]" : Host);
        if (Port is int port)
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        sb.Append(Path);
        for (int i = 0; i < _query.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&');
            sb.Append(Encode(_query[i].Key, plusForSpace: true)).Append('=').Append(Encode(_query[i].Value, plusForSpace: true));
        }

        return sb.ToString();
    }

    private static bool IsPathScheme(string scheme) => scheme == "pseudo";

    private static bool IsValidScheme(string scheme)
    {
        foreach (char c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
                return false;
        }

        return true;
    }

    private static void SplitUserInfo(string userInfo, out string? userName, out string? password, out string? password2)
    {
        string[] parts = userInfo.Split(':', 3);
        userName = Decode(parts[0], plusForSpace: false);
        password = parts.Length > 1 ? Decode(parts[1], plusForSpace: false) : null;
        password2 = parts.Length > 2 ? Decode(parts[2], plusForSpace: false) : null;
    }

    private static void ParseQuery(string query, List<KeyValuePair<string, string>> into)
    {
        // Exscript accepts HTML-escaped separators ("&amp;") as written in some host lists.
        foreach (string item in query.Replace("&amp;", "&", StringComparison.Ordinal).Split('&'))
        {
            if (item.Length == 0)
                continue;
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? item : item[..eq];
            string value = eq < 0 ? "" : item[(eq + 1)..];
            into.Add(new(Decode(key, plusForSpace: true), Decode(value, plusForSpace: true)));
        }
    }

    private static void ParseHostPort(string text, out string host, out int? port)
    {
        port = null;
        string portText;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw new HostUrlFormatException("The host URL has an IPv6 address without its closing ']', e.g. write ssh://[2001:db8::1]:22.");
            host = text[1..close];
            string rest = text[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ':')
                throw new HostUrlFormatException($"Unexpected text '{rest}' after the IPv6 address; only ':port' may follow ']'.");
            portText = rest.Length > 0 ? rest[1..] : "";
            if (host.Length == 0)
                throw new HostUrlFormatException("The host URL has an empty IPv6 address '[]'.");
        }
        else
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
            {
                // Several colons and no brackets: a bare IPv6 address without a port.
                host = text;
                portText = "";
            }
            else
            {
                host = colon < 0 ? text : text[..colon];
                portText = colon < 0 ? "" : text[(colon + 1)..];
            }

            if (host.Length == 0)
                throw new HostUrlFormatException("The host URL has no host name. Write e.g. ssh://admin@router1 or telnet://10.0.0.1:23.");
        }

        if (portText.Length > 0)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value is < 1 or > 65535)
                throw new HostUrlFormatException($"The port '{portText}' in the host URL is not a number from 1 to 65535.");
            port = value;
        }
    }

    private static string Decode(string text, bool plusForSpace)
    {
        if (plusForSpace)
            text = text.Replace('+', ' ');
        return text.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(text) : text;
    }

    // Everything except unreserved characters is escaped, like Python's quote(safe='') / quote_plus.
    private static string Encode(string text, bool plusForSpace)
    {
        var sb = new StringBuilder(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '.' or '_' or '~'))
            {
                sb.Append((char)rune.Value);
            }
            else if (plusForSpace && rune.Value == ' ')
            {
                sb.Append('+');
            }
            else
            {
                int n = rune.EncodeToUtf8(utf8);
                for (int i = 0; i < n; i++)
                    sb.Append('%').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
