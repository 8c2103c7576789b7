using System.Globalization;

namespace Vty.Ssh.Config;

/// <summary>
/// A port forward as ssh_config and ssh's -L/-R/-D give it: where to listen and, except for
/// dynamic (SOCKS) forwards, where connections go. Unix-domain sockets are not supported.
/// </summary>
public sealed record SshForwardSpec(SshForwardKind Kind, string? BindAddress, int BindPort, string? TargetHost, int? TargetPort)
{
    /// <summary>
    /// The command-line form: -L [bind:]port:host:hostport, -R [bind:]port[:host:hostport],
    /// -D [bind:]port. Throws <see cref="FormatException"/> when malformed.
    /// </summary>
    public static SshForwardSpec ParseCommandLine(SshForwardKind kind, string text)
    {
        List<string> fields = SplitFields(text);
        return kind switch
        {
            SshForwardKind.Dynamic when fields.Count is 1 or 2 => Build(kind, fields, text),
            SshForwardKind.Local when fields.Count is 3 or 4 => Build(kind, fields, text),
            SshForwardKind.Remote when fields.Count is >= 1 and <= 4 => Build(kind, fields, text),
            _ => throw new FormatException($"'{text}' is not a {Flag(kind)} forward ({Usage(kind)})"),
        };
    }

    /// <summary>The ssh_config form: a listen argument and (for Local, optionally for Remote) a target argument.</summary>
    public static SshForwardSpec ParseConfig(SshForwardKind kind, IReadOnlyList<string> arguments)
    {
        string whole = string.Join(' ', arguments);
        if (arguments.Count == 0 || arguments.Count > 2 || (kind == SshForwardKind.Local && arguments.Count != 2) || (kind == SshForwardKind.Dynamic && arguments.Count != 1))
            throw new FormatException($"'{whole}' is not a {kind}Forward ({Usage(kind).Replace(":host:hostport", " host:hostport", StringComparison.Ordinal)})");
        List<string> fields = SplitFields(arguments[0]);
        if (fields.Count > 2) throw new FormatException($"'{arguments[0]}' is not a listen address ([bind_address:]port)");
        if (arguments.Count == 2)
        {
            List<string> target = SplitFields(arguments[1]);
            if (target.Count != 2) throw new FormatException($"'{arguments[1]}' is not a target (host:hostport)");
            fields.AddRange(target);
        }
        return Build(kind, fields, whole);
    }

    private static SshForwardSpec Build(SshForwardKind kind, List<string> fields, string whole)
    {
        bool hasTarget = kind != SshForwardKind.Dynamic && fields.Count >= 3;
        int listenFields = hasTarget ? fields.Count - 2 : fields.Count;
        if (listenFields is < 1 or > 2) throw new FormatException($"'{whole}' is not a {Flag(kind)} forward ({Usage(kind)})");
        string? bind = listenFields == 2 ? fields[0] : null;
        if (fields[listenFields - 1].StartsWith('/') || (hasTarget && fields[^2].StartsWith('/')))
            throw new FormatException($"'{whole}': Unix-domain socket forwarding is not supported; forward TCP ports");
        int bindPort = ParseBindPort(fields[listenFields - 1], whole, kind);
        string? host = hasTarget ? fields[^2] : null;
        int? port = hasTarget ? SshJumpHost.ParsePort(fields[^1], whole) : null;
        if (host is { Length: 0 }) throw new FormatException($"'{whole}' names no target host");
        return new SshForwardSpec(kind, bind, bindPort, host, port);
    }

    // Port 0 asks the server to pick one, which only makes sense for remote forwards.
    private static int ParseBindPort(string text, string whole, SshForwardKind kind) =>
        kind == SshForwardKind.Remote && text == "0" ? 0 : SshJumpHost.ParsePort(text, whole);

    /// <summary>Colon-separated fields where [..] groups an IPv6 address.</summary>
    private static List<string> SplitFields(string text)
    {
        var fields = new List<string>();
        int i = 0;
        while (i <= text.Length)
        {
            if (i < text.Length && text[i] == '[')
            {
                int close = text.IndexOf(']', i);
                if (close < 0) throw new FormatException($"'{text}' has an unclosed '['");
                fields.Add(text[(i + 1)..close]);
                i = close + 1;
                if (i < text.Length && text[i] != ':') throw new FormatException($"'{text}' has text after ']' that is not ':'");
                i++;
                continue;
            }
            int colon = text.IndexOf(':', i);
            if (colon < 0) { fields.Add(text[i..]); break; }
            fields.Add(text[i..colon]);
            i = colon + 1;
        }
        return fields;
    }

    private static string Flag(SshForwardKind kind) => kind switch { SshForwardKind.Local => "-L", SshForwardKind.Remote => "-R", _ => "-D" };

    private static string Usage(SshForwardKind kind) => kind switch
    {
        SshForwardKind.Local => "expected [bind_address:]port:host:hostport",
        SshForwardKind.Remote => "expected [bind_address:]port[:host:hostport]",
        _ => "expected [bind_address:]port",
    };

    /// <summary>As ssh -G prints it: "[bind]:port [host]:hostport" (a remote forward without a target is "[socks]:0").</summary>
    public override string ToString()
    {
        string port = BindPort.ToString(CultureInfo.InvariantCulture);
        string listen = BindAddress is null ? port : $"[{BindAddress}]:{port}";
        if (Kind == SshForwardKind.Dynamic) return listen;
        return TargetHost is null ? $"{listen} [socks]:0" : $"{listen} [{TargetHost}]:{TargetPort!.Value.ToString(CultureInfo.InvariantCulture)}";
    }
}
