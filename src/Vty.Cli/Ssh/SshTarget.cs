namespace Vty.Cli.Ssh;

/// <summary>A destination given on the command line: ssh://[USER@]HOST[:PORT], or [USER@]HOST.</summary>
internal sealed record SshTarget(string Host, int? Port, string? User)
{
    public static SshTarget Parse(string text)
    {
        if (text.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
                throw new FormatException($"'{text}' is not a valid ssh:// URL (expected ssh://USER@HOST[:PORT])");
            string? user = uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]) : null;
            return new SshTarget(uri.Host.Trim('[', ']'), uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port, user);
        }
        if (text.Contains("://", StringComparison.Ordinal))
            throw new FormatException($"'{text}' is not an ssh:// destination");
        int at = text.LastIndexOf('@');
        string? u = at > 0 ? text[..at] : null;
        string host = at >= 0 ? text[(at + 1)..] : text;
        if (host.Length == 0) throw new FormatException($"'{text}' names no host");
        return new SshTarget(host, null, u);
    }
}
