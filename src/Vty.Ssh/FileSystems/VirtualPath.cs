namespace Vty.Ssh.FileSystems;

/// <summary>Normalises client paths into a served file system's virtual paths; ".." stops at "/".</summary>
public static class VirtualPath
{
    /// <summary>The absolute, normalised form of <paramref name="path"/>, relative paths taken from <paramref name="current"/>.</summary>
    public static string Normalize(string path, string current)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0')) throw new ArgumentException("a path with a NUL byte", nameof(path));
        var parts = new List<string>();
        if (!path.StartsWith('/')) parts.AddRange(Split(current));
        foreach (string part in Split(path))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>The components of a virtual path.</summary>
    public static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The parent of a normalised path ("/" for "/").</summary>
    public static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>The last component of a normalised path.</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Combine(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;
}
