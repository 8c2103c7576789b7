using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles.Linux;

/// <summary>The commands of the Linux shell profile, on a small per-device file tree.</summary>
internal static class LinuxCommands
{
    public const string Shell = "shell";
    public const string Root = "root";
    private static readonly string[] Modes = [Shell, Root];

    public static LinuxFileSystem Fs(LabCommandContext ctx)
    {
        LinuxFileSystem fs = ctx.Device.Extra("linux-fs", () => new LinuxFileSystem(ctx.Device.Hostname, ctx.Device.Options.Username));
        // A user the transport authenticated (SSH) gets a home directory like a freshly created account.
        string home = Home(ctx.User);
        if (ctx.User != "root" && fs.Get(home) is null)
            fs.CreateDirectory(home, ctx.User);
        return fs;
    }

    private static string Home(string user) => user == "root" ? "/root" : "/home/" + user;

    private static string Resolve(LabCommandContext ctx, string path) =>
        LinuxFileSystem.Normalize(ctx.WorkingDirectory, Home(ctx.User), path);

    private static List<string> Args(LabCommandContext ctx) => ShellWords.Split(ctx.Arg("args"));

    private static LabCommand Cmd(string name, LabHandler handler) => new(name + " [<args...>]", Modes, handler);

    public static List<LabCommand> Build() =>
    [
        Cmd("pwd", ctx => LabOutput.Of(ctx.WorkingDirectory + "\n")),
        Cmd("cd", Cd),
        Cmd("ls", Ls),
        Cmd("mkdir", Mkdir),
        Cmd("rmdir", Rmdir),
        Cmd("rm", Rm),
        Cmd("touch", Touch),
        Cmd("cat", Cat),
        Cmd("echo", Echo),
        Cmd("true", _ => LabOutput.None),
        Cmd("false", _ => new LabOutput { ExitStatus = 1, IsError = true }),
        Cmd("exit", Exit),
        Cmd("logout", Exit),
        Cmd("whoami", ctx => LabOutput.Of(ctx.User + "\n")),
        Cmd("id", ctx => LabOutput.Of(ctx.User == "root"
            ? "uid=0(root) gid=0(root) groups=0(root)\n"
            : $"uid=1000({ctx.User}) gid=1000({ctx.User}) groups=1000({ctx.User}),24(cdrom),27(sudo),100(users)\n")),
        Cmd("hostname", ctx => LabOutput.Of(ctx.Device.Hostname + "\n")),
        Cmd("uname", Uname),
        Cmd("df", Df),
        Cmd("ip", LinuxIpCommand.Run),
        Cmd("free", Free),
        Cmd("uptime", ctx => LabOutput.Of($" {ctx.Device.Now:HH:mm:ss} up 41 days,  3:12,  1 user,  load average: 0.08, 0.03, 0.01\n")),
        Cmd("date", ctx => LabOutput.Of(ctx.Device.Now.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture) + "\n")),
        Cmd("sudo", Sudo),
        Cmd("grep", Grep),
        Cmd("wc", Wc),
        Cmd("head", ctx => HeadTail(ctx, head: true)),
        Cmd("tail", ctx => HeadTail(ctx, head: false)),
        Cmd("md5sum", ctx => HashSum(ctx, "md5sum", System.Security.Cryptography.MD5.HashData)),
        Cmd("sha256sum", ctx => HashSum(ctx, "sha256sum", System.Security.Cryptography.SHA256.HashData)),
        Cmd("sort", ctx => Read(ctx, Args(ctx), "sort", out List<string> lines) is { } err ? err : LabOutput.OfLines(lines.Order(StringComparer.Ordinal).ToList())),
        GeneratedOutput.Command(Modes),
    ];

    private static LabOutput Fail(string text, int status) => LabOutput.Stderr(text + "\n", status);

    private static LabOutput Cd(LabCommandContext ctx)
    {
        List<string> args = Args(ctx);
        if (args.Count > 1)
            return Fail("bash: cd: too many arguments", 1);
        string target = args.Count == 0 ? Home(ctx.User) : Resolve(ctx, args[0]);
        LinuxFileSystem.Entry? e = Fs(ctx).Get(target);
        if (e is null)
            return Fail($"bash: cd: {args[0]}: No such file or directory", 1);
        if (!e.IsDirectory)
            return Fail($"bash: cd: {args[0]}: Not a directory", 1);
        if (!Fs(ctx).CanRead(target, ctx.User))
            return Fail($"bash: cd: {args[0]}: Permission denied", 1);
        ctx.WorkingDirectory = target;
        return LabOutput.None;
    }

    private static LabOutput Ls(LabCommandContext ctx)
    {
        bool all = false, longFormat = false, onePerLine = !ctx.IsInteractive;
        var paths = new List<string>();
        foreach (string a in Args(ctx))
        {
            if (a.StartsWith('-') && a.Length > 1)
            {
                foreach (char f in a[1..])
                {
                    if (f == 'a')
                        all = true;
                    else if (f == 'l')
                        longFormat = true;
                    else if (f == '1')
                        onePerLine = true;
                    else if (f != 'h')
                        return Fail($"ls: invalid option -- '{f}'\nTry 'ls --help' for more information.", 2);
                }
            }
            else
            {
                paths.Add(a);
            }
        }
        if (paths.Count == 0)
            paths.Add(".");
        LinuxFileSystem fs = Fs(ctx);
        var output = new StringBuilder();
        var errors = new StringBuilder();
        int status = 0;
        foreach (string p in paths)
        {
            string full = Resolve(ctx, p);
            LinuxFileSystem.Entry? e = fs.Get(full);
            if (e is null)
            {
                errors.Append(CultureInfo.InvariantCulture, $"ls: cannot access '{p}': No such file or directory\n");
                status = 2;
                continue;
            }
            if (!e.IsDirectory)
            {
                output.Append(longFormat ? LongLine(e, p) : p).Append('\n');
                continue;
            }
            if (!fs.CanRead(full, ctx.User))
            {
                errors.Append(CultureInfo.InvariantCulture, $"ls: cannot open directory '{p}': Permission denied\n");
                status = 2;
                continue;
            }
            if (paths.Count > 1)
                output.Append(p).Append(":\n");
            var names = new List<(string Name, LinuxFileSystem.Entry Entry)>();
            if (all)
            {
                names.Add((".", e));
                names.Add(("..", fs.Get(LinuxFileSystem.Parent(full)) ?? e));
            }
            foreach (string child in fs.Children(full))
            {
                string name = LinuxFileSystem.Name(child);
                if (all || !name.StartsWith('.'))
                    names.Add((name, fs.Get(child)!));
            }
            if (longFormat)
            {
                output.Append(CultureInfo.InvariantCulture, $"total {names.Count * 4}\n");
                foreach ((string n, LinuxFileSystem.Entry en) in names)
                    output.Append(LongLine(en, n)).Append('\n');
            }
            else if (names.Count > 0)
            {
                output.Append(string.Join(onePerLine ? "\n" : "  ", names.Select(n => n.Name))).Append('\n');
            }
            if (paths.Count > 1)
                output.Append('\n');
        }
        return new LabOutput { Text = output.ToString(), ErrorText = errors.Length > 0 ? errors.ToString() : null, ExitStatus = status, IsError = status != 0 };
    }

    private static string LongLine(LinuxFileSystem.Entry e, string name) =>
        string.Format(CultureInfo.InvariantCulture, "{0} {1} {2,-5} {3,-5} {4,5} Mar 14 09:26 {5}",
            e.IsDirectory ? "drwxr-xr-x" : "-rw-r--r--", e.IsDirectory ? 2 : 1, e.Owner, e.Owner,
            e.IsDirectory ? 4096 : Encoding.UTF8.GetByteCount(e.Content), name);

    private static LabOutput Mkdir(LabCommandContext ctx)
    {
        bool parents = false;
        var dirs = new List<string>();
        foreach (string a in Args(ctx))
        {
            if (a is "-p" or "--parents")
                parents = true;
            else
                dirs.Add(a);
        }
        if (dirs.Count == 0)
            return Fail("mkdir: missing operand\nTry 'mkdir --help' for more information.", 1);
        LinuxFileSystem fs = Fs(ctx);
        var errors = new StringBuilder();
        foreach (string d in dirs)
        {
            string full = Resolve(ctx, d);
            if (fs.Get(full) is not null)
            {
                if (!parents)
                    errors.Append(CultureInfo.InvariantCulture, $"mkdir: cannot create directory '{d}': File exists\n");
                continue;
            }
            var missing = new Stack<string>();
            string cur = full;
            while (fs.Get(cur) is null)
            {
                missing.Push(cur);
                cur = LinuxFileSystem.Parent(cur);
            }
            if (missing.Count > 1 && !parents)
            {
                errors.Append(CultureInfo.InvariantCulture, $"mkdir: cannot create directory '{d}': No such file or directory\n");
                continue;
            }
            if (!fs.CanWrite(cur, ctx.User))
            {
                errors.Append(CultureInfo.InvariantCulture, $"mkdir: cannot create directory '{d}': Permission denied\n");
                continue;
            }
            while (missing.Count > 0)
                fs.CreateDirectory(missing.Pop(), ctx.User);
        }
        return errors.Length == 0 ? LabOutput.None : LabOutput.Stderr(errors.ToString(), 1);
    }

    private static LabOutput Rmdir(LabCommandContext ctx)
    {
        LinuxFileSystem fs = Fs(ctx);
        foreach (string d in Args(ctx))
        {
            string full = Resolve(ctx, d);
            LinuxFileSystem.Entry? e = fs.Get(full);
            if (e is null)
                return Fail($"rmdir: failed to remove '{d}': No such file or directory", 1);
            if (!e.IsDirectory)
                return Fail($"rmdir: failed to remove '{d}': Not a directory", 1);
            if (fs.Children(full).Any())
                return Fail($"rmdir: failed to remove '{d}': Directory not empty", 1);
            if (!fs.CanWrite(LinuxFileSystem.Parent(full), ctx.User))
                return Fail($"rmdir: failed to remove '{d}': Permission denied", 1);
            fs.Remove(full);
        }
        return LabOutput.None;
    }

    private static LabOutput Rm(LabCommandContext ctx)
    {
        bool recursive = false, force = false;
        var targets = new List<string>();
        foreach (string a in Args(ctx))
        {
            if (a.StartsWith('-') && a.Length > 1)
            {
                recursive |= a.Contains('r') || a.Contains('R');
                force |= a.Contains('f');
            }
            else
            {
                targets.Add(a);
            }
        }
        LinuxFileSystem fs = Fs(ctx);
        var errors = new StringBuilder();
        foreach (string t in targets)
        {
            string full = Resolve(ctx, t);
            LinuxFileSystem.Entry? e = fs.Get(full);
            if (e is null)
            {
                if (!force)
                    errors.Append(CultureInfo.InvariantCulture, $"rm: cannot remove '{t}': No such file or directory\n");
                continue;
            }
            if (e.IsDirectory && !recursive)
            {
                errors.Append(CultureInfo.InvariantCulture, $"rm: cannot remove '{t}': Is a directory\n");
                continue;
            }
            if (!fs.CanWrite(LinuxFileSystem.Parent(full), ctx.User) || full == "/")
            {
                errors.Append(CultureInfo.InvariantCulture, $"rm: cannot remove '{t}': Permission denied\n");
                continue;
            }
            fs.Remove(full);
        }
        return errors.Length == 0 ? LabOutput.None : LabOutput.Stderr(errors.ToString(), 1);
    }

    private static LabOutput Touch(LabCommandContext ctx)
    {
        LinuxFileSystem fs = Fs(ctx);
        foreach (string f in Args(ctx))
        {
            string full = Resolve(ctx, f);
            if (fs.Get(full) is not null)
                continue;
            string dir = LinuxFileSystem.Parent(full);
            if (fs.Get(dir) is null)
                return Fail($"touch: cannot touch '{f}': No such file or directory", 1);
            if (!fs.CanWrite(dir, ctx.User))
                return Fail($"touch: cannot touch '{f}': Permission denied", 1);
            fs.WriteFile(full, ctx.User, "", append: false);
        }
        return LabOutput.None;
    }

    /// <summary>Reads the named files, or the piped input when none is named.</summary>
    private static LabOutput? Read(LabCommandContext ctx, List<string> files, string tool, out List<string> lines)
    {
        lines = [];
        if (files.Count == 0)
        {
            lines.AddRange(ctx.Input ?? []);
            return null;
        }
        LinuxFileSystem fs = Fs(ctx);
        foreach (string f in files)
        {
            string full = Resolve(ctx, f);
            LinuxFileSystem.Entry? e = fs.Get(full);
            if (e is null)
                return Fail($"{tool}: {f}: No such file or directory", tool == "grep" ? 2 : 1);
            if (e.IsDirectory)
                return Fail($"{tool}: {f}: Is a directory", tool == "grep" ? 2 : 1);
            if (!fs.CanRead(full, ctx.User))
                return Fail($"{tool}: {f}: Permission denied", tool == "grep" ? 2 : 1);
            lines.AddRange(LabOutput.Of(e.Content).EnumerateLines());
        }
        return null;
    }

    private static LabOutput Cat(LabCommandContext ctx)
    {
        List<string> files = Args(ctx);
        if (files.Count == 0)
            return LabOutput.OfLines(ctx.Input ?? []);
        var sb = new StringBuilder();
        LinuxFileSystem fs = Fs(ctx);
        foreach (string f in files)
        {
            string full = Resolve(ctx, f);
            LinuxFileSystem.Entry? e = fs.Get(full);
            if (e is null)
                return new LabOutput { Text = sb.ToString(), ErrorText = $"cat: {f}: No such file or directory\n", ExitStatus = 1, IsError = true };
            if (e.IsDirectory)
                return new LabOutput { Text = sb.ToString(), ErrorText = $"cat: {f}: Is a directory\n", ExitStatus = 1, IsError = true };
            if (!fs.CanRead(full, ctx.User))
                return new LabOutput { Text = sb.ToString(), ErrorText = $"cat: {f}: Permission denied\n", ExitStatus = 1, IsError = true };
            sb.Append(e.Content);
        }
        return LabOutput.Of(sb.ToString());
    }

    private static LabOutput Echo(LabCommandContext ctx)
    {
        List<string> args = Args(ctx);
        bool newline = true;
        if (args.Count > 0 && args[0] == "-n")
        {
            newline = false;
            args.RemoveAt(0);
        }
        return LabOutput.Of(string.Join(' ', args) + (newline ? "\n" : ""));
    }

    private static LabOutput Exit(LabCommandContext ctx)
    {
        List<string> args = Args(ctx);
        int status = ctx.LastExitStatus;
        string? error = null;
        if (args.Count > 0)
        {
            if (int.TryParse(args[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
            {
                status = n & 0xFF;
            }
            else
            {
                status = 2;
                error = $"bash: exit: {args[0]}: numeric argument required\n";
            }
        }
        string text = ctx.IsInteractive ? "logout\n" : "";
        if (ctx.Mode == Root && ctx.ModeArg is { } saved)
        {
            string[] parts = saved.Split('\n');
            ctx.SwitchUser(parts[0]);
            ctx.WorkingDirectory = parts[1];
            ctx.ExitMode();
        }
        else
        {
            ctx.CloseSession(status);
        }
        return new LabOutput { Text = text, ErrorText = error, ExitStatus = status };
    }

    private static LabOutput Uname(LabCommandContext ctx)
    {
        const string release = "6.1.0-18-amd64";
        const string version = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)";
        List<string> args = Args(ctx);
        if (args.Count == 0)
            return LabOutput.Of("Linux\n");
        var parts = new List<string>();
        foreach (string a in args)
        {
            switch (a)
            {
                case "-a" or "--all":
                    return LabOutput.Of($"Linux {ctx.Device.Hostname} {release} {version} x86_64 GNU/Linux\n");
                case "-s":
                    parts.Add("Linux");
                    break;
                case "-n":
                    parts.Add(ctx.Device.Hostname);
                    break;
                case "-r":
                    parts.Add(release);
                    break;
                case "-v":
                    parts.Add(version);
                    break;
                case "-m" or "-p" or "-i":
                    parts.Add("x86_64");
                    break;
                case "-o":
                    parts.Add("GNU/Linux");
                    break;
                default:
                    return Fail($"uname: invalid option -- '{a.TrimStart('-')}'\nTry 'uname --help' for more information.", 1);
            }
        }
        return LabOutput.Of(string.Join(' ', parts) + "\n");
    }

    private static LabOutput Df(LabCommandContext ctx)
    {
        List<string> args = Args(ctx);
        bool human = args.Any(a => a.StartsWith('-') && !a.StartsWith("--", StringComparison.Ordinal) && a.Contains('h'));
        bool posix = args.Any(a => a is "-P" or "--portability" || (a.StartsWith('-') && !a.StartsWith("--", StringComparison.Ordinal) && a.Contains('P')));
        List<string> paths = [.. args.Where(a => !a.StartsWith('-'))];
        string user = ctx.User == "root" ? "0" : "1000";
        foreach (string p in paths)
        {
            if (Fs(ctx).Get(Resolve(ctx, p)) is null)
                return Fail($"df: {p}: No such file or directory", 1);
        }
        if (human)
        {
            return LabOutput.Of(
                "Filesystem      Size  Used Avail Use% Mounted on\n" +
                "udev            1.9G     0  1.9G   0% /dev\n" +
                "tmpfs           392M  1.1M  391M   1% /run\n" +
                "/dev/vda1        31G  4.2G   25G  15% /\n" +
                "tmpfs           2.0G     0  2.0G   0% /dev/shm\n" +
                "tmpfs           5.0M     0  5.0M   0% /run/lock\n" +
                "/dev/vda15      124M   12M  113M  10% /boot/efi\n" +
                $"tmpfs           392M     0  392M   0% /run/user/{user}\n");
        }
        string header = posix ? "Filesystem     1024-blocks    Used Available Capacity Mounted on\n" : "Filesystem     1K-blocks    Used Available Use% Mounted on\n";
        // The lab's whole tree is on the root file system: a path names that one line, as df does.
        if (paths.Count > 0)
            return LabOutput.Of(header + string.Concat(paths.Select(_ => "/dev/vda1       32376956 4397512  26310688      15% /\n")));
        return LabOutput.Of(header +
            "udev             1980436       0   1980436   0% /dev\n" +
            "tmpfs             401072    1124    399948   1% /run\n" +
            "/dev/vda1       32376956 4397512  26310688  15% /\n" +
            "tmpfs            2005348       0   2005348   0% /dev/shm\n" +
            "tmpfs               5120       0      5120   0% /run/lock\n" +
            "/dev/vda15        126678   12396    114282  10% /boot/efi\n" +
            $"tmpfs             401068       0    401068   0% /run/user/{user}\n");
    }

    /// <summary>md5sum / sha256sum over the files' bytes (contents are kept one char per byte), in coreutils' "HASH  NAME" form.</summary>
    private static LabOutput HashSum(LabCommandContext ctx, string tool, Func<byte[], byte[]> hash)
    {
        List<string> files = [.. Args(ctx).Where(a => a != "--")];
        if (files.Count == 0)
            return LabOutput.Of(Convert.ToHexStringLower(hash(Encoding.Latin1.GetBytes(string.Join("\n", ctx.Input ?? []) + (ctx.Input is { Count: > 0 } ? "\n" : "")))) + "  -\n");
        LinuxFileSystem fs = Fs(ctx);
        var output = new StringBuilder();
        var errors = new StringBuilder();
        foreach (string f in files)
        {
            string full = Resolve(ctx, f);
            LinuxFileSystem.Entry? e = fs.Get(full);
            if (e is null)
                errors.Append(CultureInfo.InvariantCulture, $"{tool}: {f}: No such file or directory\n");
            else if (e.IsDirectory)
                errors.Append(CultureInfo.InvariantCulture, $"{tool}: {f}: Is a directory\n");
            else if (!fs.CanRead(full, ctx.User))
                errors.Append(CultureInfo.InvariantCulture, $"{tool}: {f}: Permission denied\n");
            else
                output.Append(Convert.ToHexStringLower(hash(Encoding.Latin1.GetBytes(e.Content)))).Append("  ").Append(f).Append('\n');
        }
        return errors.Length == 0
            ? LabOutput.Of(output.ToString())
            : new LabOutput { Text = output.ToString(), ErrorText = errors.ToString(), ExitStatus = 1, IsError = true };
    }

    private static LabOutput Free(LabCommandContext ctx)
    {
        bool human = Args(ctx).Contains("-h");
        bool mega = Args(ctx).Contains("-m");
        string head = "               total        used        free      shared  buff/cache   available\n";
        if (human)
            return LabOutput.Of(head + "Mem:           3.8Gi       412Mi       2.9Gi       1.1Mi       701Mi       3.4Gi\nSwap:          975Mi          0B       975Mi\n");
        if (mega)
            return LabOutput.Of(head + "Mem:            3916         412        2970           1         701        3504\nSwap:            975           0         975\n");
        return LabOutput.Of(head + "Mem:         4010696      422100     3041776        1124      718116     3588596\nSwap:         998396           0      998396\n");
    }

    private static LabOutput Sudo(LabCommandContext ctx)
    {
        List<string> args = Args(ctx);
        if (args.Count == 0)
            return Fail("usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]", 1);
        if (args[0] is "-k" or "-K")
        {
            ctx.SessionFlags.Remove("sudo");
            return LabOutput.None;
        }
        bool shell = args[0] is "-i" or "-s" or "su" or "bash" || (args.Count == 2 && args[0] == "su" && args[1] == "-");
        bool login = args[0] is "-i" or "su";
        string rest = args[0] is "-i" or "-s" ? string.Join(' ', args.Skip(1)) : ctx.Arg("args");
        if (args[0] is "-i" or "-s" && args.Count > 1)
            shell = false;

        LabOutput Run(LabCommandContext x)
        {
            x.SessionFlags.Add("sudo");
            if (shell)
            {
                x.EnterMode(Root, x.User + "\n" + x.WorkingDirectory);
                x.SwitchUser("root");
                if (login)
                    x.WorkingDirectory = "/root";
                return LabOutput.None;
            }
            string previous = x.User;
            x.SwitchUser("root");
            try
            {
                return x.Run(rest);
            }
            finally
            {
                x.SwitchUser(previous);
            }
        }

        if (ctx.User == "root" || ctx.SessionFlags.Contains("sudo"))
            return Run(ctx);
        return LabOutput.Ask("", AskPassword(ctx.User, 1, Run));
    }

    private static LabQuestion AskPassword(string user, int attempt, Func<LabCommandContext, LabOutput> then) =>
        new($"[sudo] password for {user}: ", Echo: false, (answer, ctx) =>
        {
            if (string.Equals(answer, ctx.Device.Options.Password, StringComparison.Ordinal))
                return then(ctx);
            if (attempt >= 3)
                return LabOutput.Stderr("sudo: 3 incorrect password attempts\n", 1);
            return LabOutput.Ask("Sorry, try again.\n", AskPassword(user, attempt + 1, then));
        })
        {
            WithoutTerminal = LabOutput.Stderr(
                "sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\nsudo: a password is required\n", 1),
        };

    private static LabOutput Grep(LabCommandContext ctx)
    {
        bool invert = false, ignoreCase = false, count = false;
        string? pattern = null;
        var files = new List<string>();
        foreach (string a in Args(ctx))
        {
            if (pattern is null && a.StartsWith('-') && a.Length > 1)
            {
                invert |= a.Contains('v');
                ignoreCase |= a.Contains('i');
                count |= a.Contains('c');
            }
            else if (pattern is null)
            {
                pattern = a;
            }
            else
            {
                files.Add(a);
            }
        }
        if (pattern is null)
            return Fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.", 2);
        if (Read(ctx, files, "grep", out List<string> lines) is { } err)
            return err;
        var re = new System.Text.RegularExpressions.Regex(pattern,
            ignoreCase ? System.Text.RegularExpressions.RegexOptions.IgnoreCase : System.Text.RegularExpressions.RegexOptions.None,
            TimeSpan.FromSeconds(1));
        List<string> matched = [.. lines.Where(l => re.IsMatch(l) != invert)];
        int status = matched.Count > 0 ? 0 : 1;
        if (count)
            return new LabOutput { Text = matched.Count.ToString(CultureInfo.InvariantCulture) + "\n", ExitStatus = status };
        return new LabOutput { Lines = matched, ExitStatus = status, IsError = false };
    }

    private static LabOutput Wc(LabCommandContext ctx)
    {
        List<string> args = Args(ctx);
        bool linesOnly = args.Remove("-l");
        if (Read(ctx, args, "wc", out List<string> lines) is { } err)
            return err;
        int words = lines.Sum(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        int bytes = lines.Sum(l => l.Length + 1);
        string suffix = args.Count == 1 ? " " + args[0] : "";
        return LabOutput.Of(linesOnly
            ? $"{lines.Count}{suffix}\n"
            : string.Format(CultureInfo.InvariantCulture, "{0,7} {1,7} {2,7}{3}\n", lines.Count, words, bytes, suffix));
    }

    private static LabOutput HeadTail(LabCommandContext ctx, bool head)
    {
        List<string> args = Args(ctx);
        int n = 10;
        var files = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "-n" && i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int v))
            {
                n = v;
                i++;
            }
            else if (args[i].StartsWith('-') && int.TryParse(args[i].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int w))
            {
                n = w;
            }
            else
            {
                files.Add(args[i]);
            }
        }
        if (Read(ctx, files, head ? "head" : "tail", out List<string> lines) is { } err)
            return err;
        return LabOutput.OfLines(head ? lines.Take(n).ToList() : lines.TakeLast(n).ToList());
    }
}
