using System.Globalization;

namespace Vty.Ssh.Config;

/// <summary>Typed readings of ssh_config values; every failure names the file, line and what is accepted.</summary>
internal static class SshConfigValueParser
{
    public static string Single(SshConfigDirective d)
    {
        if (d.Arguments.Count == 0) throw d.Error($"{d.Keyword} needs a value");
        if (d.Arguments.Count > 1) throw d.Error($"{d.Keyword} takes one value, got {d.Arguments.Count}: {string.Join(' ', d.Arguments)}");
        return d.Arguments[0];
    }

    /// <summary>All arguments joined back with spaces (ProxyCommand and other command lines).</summary>
    public static string Rest(SshConfigDirective d) =>
        d.Arguments.Count > 0 ? string.Join(' ', d.Arguments) : throw d.Error($"{d.Keyword} needs a value");

    public static bool Flag(SshConfigDirective d) => Single(d).ToLowerInvariant() switch
    {
        "yes" or "true" => true,
        "no" or "false" => false,
        string other => throw d.Error($"{d.Keyword} must be yes or no, not '{other}'"),
    };

    public static string OneOf(SshConfigDirective d, params string[] allowed)
    {
        string value = Single(d).ToLowerInvariant();
        return allowed.Contains(value) ? value : throw d.Error($"{d.Keyword} must be one of {string.Join(", ", allowed)}, not '{value}'");
    }

    public static int Port(SshConfigDirective d) =>
        int.TryParse(Single(d), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535
            ? port
            : throw d.Error($"Port must be 1-65535, not '{Single(d)}'");

    public static int NonNegative(SshConfigDirective d) =>
        int.TryParse(Single(d), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw d.Error($"{d.Keyword} must be a whole number, not '{Single(d)}'");

    /// <summary>OpenSSH time format: seconds, or numbers with s/m/h/d/w units ("1m30s"); "none" is null.</summary>
    public static TimeSpan? Time(SshConfigDirective d)
    {
        string value = Single(d);
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        long total = 0;
        int i = 0;
        while (i < value.Length)
        {
            int start = i;
            while (i < value.Length && char.IsAsciiDigit(value[i])) i++;
            if (i == start || !long.TryParse(value.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                throw d.Error($"{d.Keyword} must be a time (seconds, or like 1m30s), not '{value}'");
            long unit = i < value.Length ? char.ToLowerInvariant(value[i++]) switch
            {
                's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800,
                _ => throw d.Error($"{d.Keyword}: unknown time unit in '{value}' (s, m, h, d, w)"),
            } : 1;
            total += n * unit;
        }
        return TimeSpan.FromSeconds(total);
    }

    public static IReadOnlyList<SshJumpHost> Jump(SshConfigDirective d)
    {
        try { return SshJumpHost.ParseChain(Single(d)); }
        catch (FormatException e) { throw d.Error("ProxyJump: " + e.Message); }
    }

    public static SshForwardSpec Forward(SshConfigDirective d, SshForwardKind kind)
    {
        try { return SshForwardSpec.ParseConfig(kind, d.Arguments); }
        catch (FormatException e) { throw d.Error(e.Message); }
    }

    public static KeyValuePair<string, string> EnvironmentAssignment(SshConfigDirective d, string argument)
    {
        int eq = argument.IndexOf('=');
        return eq > 0 ? new(argument[..eq], argument[(eq + 1)..]) : throw d.Error($"SetEnv expects NAME=VALUE, got '{argument}'");
    }

    /// <summary>Checks a directive's value now, so a bad value fails with its line even if an earlier one wins.</summary>
    public static void Validate(string canonical, SshConfigDirective d)
    {
        switch (canonical)
        {
            case "Port": Port(d); break;
            case "IdentitiesOnly" or "HashKnownHosts" or "PasswordAuthentication" or "KbdInteractiveAuthentication" or "BatchMode":
                Flag(d); break;
            case "PubkeyAuthentication": OneOf(d, "yes", "no", "true", "false", "unbound", "host-bound"); break;
            case "StrictHostKeyChecking": OneOf(d, "yes", "no", "ask", "accept-new", "off", "true", "false"); break;
            case "RequestTTY": OneOf(d, "yes", "no", "force", "auto", "true", "false"); break;
            case "LogLevel": OneOf(d, "quiet", "fatal", "error", "info", "verbose", "debug", "debug1", "debug2", "debug3"); break;
            case "ConnectTimeout" or "ServerAliveInterval": Time(d); break;
            case "ServerAliveCountMax": NonNegative(d); break;
            case "ProxyJump": Jump(d); break;
            case "LocalForward": Forward(d, SshForwardKind.Local); break;
            case "RemoteForward": Forward(d, SshForwardKind.Remote); break;
            case "DynamicForward": Forward(d, SshForwardKind.Dynamic); break;
            case "SetEnv": foreach (string a in d.Arguments) EnvironmentAssignment(d, a); break;
            case "ProxyCommand" or "SendEnv" or "UserKnownHostsFile" or "GlobalKnownHostsFile": Rest(d); break;
            default: Single(d); break;
        }
    }
}
