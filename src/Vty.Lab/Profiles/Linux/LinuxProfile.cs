using Vty.Lab.Profiles.Linux;

namespace Vty.Lab.Profiles;

/// <summary>A Debian 12 host with bash: login dialog, prompt with user and directory, a small file tree, sudo.</summary>
internal static class LinuxProfile
{
    public static DeviceProfile Create() => new()
    {
        Name = "linux",
        Description = "Debian GNU/Linux 12 (bash)",
        DefaultHostname = "host",
        Login = new LabLoginDialog
        {
            DialogIntro = "Debian GNU/Linux 12\n",
            UsernamePrompt = "{host} login: ",
            PasswordPrompt = "Password: ",
            FailureMessage = "\nLogin incorrect\n",
            PasswordOnlyFailureMessage = "\nLogin incorrect\n",
            PasswordOnlyFinalFailureMessage = "\nLogin incorrect\n",
            Motd = "Linux {host} 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64\n\n" +
                   "The programs included with the Debian GNU/Linux system are free software;\n" +
                   "the exact distribution terms for each program are described in the\n" +
                   "individual files in /usr/share/doc/*/copyright.\n\n" +
                   "Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY, to the extent\n" +
                   "permitted by applicable law.\n" +
                   "Last login: Fri Mar 14 09:20:11 2025 from 192.0.2.254\n",
        },
        Modes =
        [
            new(LinuxCommands.Shell, "{user}@{host}:{cwd}{sigil} "),
            new(LinuxCommands.Root, "{user}@{host}:{cwd}{sigil} "),
        ],
        LoginMode = LinuxCommands.Shell,
        Commands = LinuxCommands.Build(),
        Errors = LabErrorStyle.Bash,
        Abbreviations = false,
        ShellSyntax = true,
        ExecNewline = "\n",
        ShellRedirect = (ctx, file, content, append) =>
        {
            LinuxFileSystem fs = LinuxCommands.Fs(ctx);
            string full = LinuxFileSystem.Normalize(ctx.WorkingDirectory, ctx.User == "root" ? "/root" : "/home/" + ctx.User, file);
            LinuxFileSystem.Entry? existing = fs.Get(full);
            if (existing is { IsDirectory: true })
                return LabOutput.Stderr($"bash: {file}: Is a directory\n", 1);
            string dir = LinuxFileSystem.Parent(full);
            if (fs.Get(dir) is null)
                return LabOutput.Stderr($"bash: {file}: No such file or directory\n", 1);
            if (!fs.CanWrite(dir, ctx.User))
                return LabOutput.Stderr($"bash: {file}: Permission denied\n", 1);
            fs.WriteFile(full, ctx.User, content, append);
            return null;
        },
    };
}
