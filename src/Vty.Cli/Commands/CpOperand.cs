namespace Vty.Cli.Commands;

/// <summary>
/// One operand of <c>vty cp</c>: a local path, <c>[USER@]HOST:PATH</c> (scp style) or
/// <c>ssh://[USER@]HOST[:PORT]/PATH</c>. A remote path that is empty means the login directory.
/// </summary>
internal sealed record CpOperand(string Path, Ssh.SshTarget? Remote)
{
    public bool IsRemote => Remote != null;

    public static CpOperand Parse(string text)
    {
        if (text.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
                throw new FormatException($"'{text}' is not a valid ssh:// URL (expected ssh://USER@HOST[:PORT]/PATH)");
            string path = Uri.UnescapeDataString(uri.AbsolutePath);
            // ssh://host/~/x is relative to the login directory, ssh://host/x is absolute (as scp's URLs).
            path = path.StartsWith("/~/", StringComparison.Ordinal) ? path[3..] : path == "/~" || path == "/" ? "" : path;
            string authority = uri.GetLeftPart(UriPartial.Authority);
            return new CpOperand(path, Ssh.SshTarget.Parse(authority));
        }
        int colon = text.IndexOf(':');
        int slash = text.IndexOf('/');
        // A colon before any slash makes it remote (scp's rule); "./a:b" or "/x:y" stay local.
        if (colon > 0 && (slash < 0 || colon < slash) && !(OperatingSystem.IsWindows() && colon == 1))
            return new CpOperand(text[(colon + 1)..], Ssh.SshTarget.Parse(text[..colon]));
        if (text.Length == 0) throw new FormatException("an empty file operand");
        return new CpOperand(text, null);
    }

    public override string ToString() => Remote is { } r ? $"{(r.User != null ? r.User + "@" : "")}{r.Host}:{Path}" : Path;
}
