using System.Globalization;
using System.Text;

namespace Vty.Ssh.Config;

/// <summary>
/// The percent tokens, '~' and ${VAR} of ssh_config values (ssh_config(5) TOKENS):
/// %% %h %p %r %u %n %d, plus %l %L %k %j %i. Any other token is an error naming it.
/// </summary>
internal sealed class SshConfigTokens(SshConfigQuery query, string originalHost, string hostName, int port, string user,
    string? hostKeyAlias, string? proxyJump)
{
    /// <summary>Expands the tokens allowed in <paramref name="allowed"/> (null: all).</summary>
    public string Expand(string value, SshConfigDirective from, string? allowed = null)
    {
        if (!value.Contains('%')) return value;
        var sb = new StringBuilder(value.Length + 32);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '%') { sb.Append(c); continue; }
            if (++i >= value.Length) throw from.Error($"'{value}' ends with a lone '%' (write %% for a percent sign)");
            char token = value[i];
            if (token != '%' && allowed != null && !allowed.Contains(token))
                throw from.Error($"token %{token} is not allowed in {from.Keyword} (allowed: {string.Join(" ", ("%" + allowed).Select(t => "%" + t).Distinct())})");
            sb.Append(token switch
            {
                '%' => "%",
                'h' => hostName,
                'p' => port.ToString(CultureInfo.InvariantCulture),
                'r' => user,
                'u' => query.LocalUser,
                'n' => originalHost,
                'd' => query.HomeDirectory,
                'l' => System.Net.Dns.GetHostName(),
                'L' => System.Net.Dns.GetHostName().Split('.')[0],
                'k' => hostKeyAlias ?? originalHost,
                'j' => proxyJump ?? "",
                'i' => UserId(),
                _ => throw from.Error($"token %{token} in '{value}' is not supported by Vty (supported: %% %h %p %r %u %n %d %l %L %k %j %i)"),
            });
        }
        return sb.ToString();
    }

    /// <summary>A path: '~' or '~/' at the start becomes the home directory, ${VAR} the variable, then tokens.</summary>
    public string ExpandPath(string value, SshConfigDirective from) => Expand(ExpandEnvironment(ExpandTilde(value, query, from), from), from);

    public static string ExpandTilde(string value, SshConfigQuery query, SshConfigDirective from)
    {
        if (!value.StartsWith('~')) return value;
        int slash = value.IndexOf('/');
        string who = slash < 0 ? value[1..] : value[1..slash];
        if (who.Length > 0 && who != query.LocalUser)
            throw from.Error($"'{value}': ~{who} (another user's home) is not supported; write the path out");
        return slash < 0 ? query.HomeDirectory : Path.Join(query.HomeDirectory, value[(slash + 1)..]);
    }

    private string ExpandEnvironment(string value, SshConfigDirective from)
    {
        int start = value.IndexOf("${", StringComparison.Ordinal);
        if (start < 0) return value;
        var sb = new StringBuilder();
        int i = 0;
        while (start >= 0)
        {
            int end = value.IndexOf('}', start);
            if (end < 0) throw from.Error($"'{value}' has an unclosed ${{");
            string name = value[(start + 2)..end];
            string variable = query.Environment(name) ?? throw from.Error($"environment variable {name} (used in '{value}') is not set");
            sb.Append(value, i, start - i).Append(variable);
            i = end + 1;
            start = value.IndexOf("${", i, StringComparison.Ordinal);
        }
        return sb.Append(value, i, value.Length - i).ToString();
    }

    private static string UserId()
    {
        // Linux: the real uid is the second field of /proc/self/status "Uid:".
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
                return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        return "";
    }
}
