namespace Vty.Lab.Profiles.Linux;

/// <summary>A small in-memory file tree per Linux device: directories and text files with an owner.</summary>
internal sealed class LinuxFileSystem
{
    internal sealed class Entry
    {
        public required bool IsDirectory { get; init; }
        public required string Owner { get; init; }
        public string Content { get; set; } = "";
    }

    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public LinuxFileSystem(string hostname, string user)
    {
        foreach (string d in new[] { "/", "/bin", "/boot", "/dev", "/etc", "/home", "/opt", "/root", "/srv", "/tmp", "/usr", "/usr/bin", "/usr/share", "/var", "/var/log" })
            _entries[d] = new Entry { IsDirectory = true, Owner = "root" };
        _entries["/home/" + user] = new Entry { IsDirectory = true, Owner = user };
        _entries["/home/" + user + "/.bashrc"] = new Entry { IsDirectory = false, Owner = user, Content = "# ~/.bashrc: executed by bash(1) for non-login shells.\n" };
        _entries["/home/" + user + "/.profile"] = new Entry { IsDirectory = false, Owner = user, Content = "# ~/.profile: executed by the command interpreter for login shells.\n" };
        _entries["/etc/hostname"] = new Entry { IsDirectory = false, Owner = "root", Content = hostname + "\n" };
        _entries["/etc/os-release"] = new Entry
        {
            IsDirectory = false,
            Owner = "root",
            Content = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\n" +
                      "VERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n",
        };
        _entries["/etc/hosts"] = new Entry { IsDirectory = false, Owner = "root", Content = $"127.0.0.1\tlocalhost\n127.0.1.1\t{hostname}\n::1\tlocalhost ip6-localhost ip6-loopback\n" };
        _entries["/etc/motd"] = new Entry { IsDirectory = false, Owner = "root", Content = "" };
    }

    public static string Normalize(string cwd, string home, string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            path = home + path[1..];
        string full = path.StartsWith('/') ? path : (cwd == "/" ? "/" : cwd + "/") + path;
        var parts = new List<string>();
        foreach (string p in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == ".")
                continue;
            if (p == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(p);
        }
        return "/" + string.Join('/', parts);
    }

    public static string Parent(string path)
    {
        int i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path[..i];
    }

    public static string Name(string path) => path == "/" ? "/" : path[(path.LastIndexOf('/') + 1)..];

    public Entry? Get(string path) => _entries.GetValueOrDefault(path);

    public bool CanWrite(string dir, string user) =>
        user == "root" || dir == "/tmp" || dir.StartsWith("/tmp/", StringComparison.Ordinal) ||
        (_entries.TryGetValue(dir, out Entry? e) && e.Owner == user);

    public bool CanRead(string path, string user) =>
        user == "root" || !(path == "/root" || path.StartsWith("/root/", StringComparison.Ordinal));

    public IEnumerable<string> Children(string dir)
    {
        string prefix = dir == "/" ? "/" : dir + "/";
        foreach (string key in _entries.Keys)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key.IndexOf('/', prefix.Length) < 0)
                yield return key;
        }
    }

    public void CreateDirectory(string path, string owner) => _entries[path] = new Entry { IsDirectory = true, Owner = owner };

    public void WriteFile(string path, string owner, string content, bool append)
    {
        if (_entries.TryGetValue(path, out Entry? e) && !e.IsDirectory)
            e.Content = append ? e.Content + content : content;
        else
            _entries[path] = new Entry { IsDirectory = false, Owner = owner, Content = content };
    }

    public void Remove(string path)
    {
        string prefix = path + "/";
        foreach (string key in _entries.Keys.Where(k => k == path || k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            _entries.Remove(key);
    }
}
