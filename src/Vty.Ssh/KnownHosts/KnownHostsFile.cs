using System.Globalization;
using System.Text;
using Vty.Ssh.Keys;

namespace Vty.Ssh.KnownHosts;

/// <summary>
/// An OpenSSH known_hosts file: plain and hashed host names, [host]:port for ports other than
/// 22, host patterns, @revoked and @cert-authority markers. Looks keys up the way OpenSSH does
/// and appends new host keys. Safe to use from several threads.
/// </summary>
public sealed class KnownHostsFile
{
    private static readonly object AppendGate = new();
    private readonly object _gate = new();
    private readonly List<KnownHostsEntry> _entries = [];
    private readonly List<string> _warnings = [];
    private int _lineCount;

    private KnownHostsFile(string path) => Path = path;

    /// <summary>The file this instance reads and appends to.</summary>
    public string Path { get; }

    /// <summary>The parsed lines (comments, blank and bad lines excluded).</summary>
    public IReadOnlyList<KnownHostsEntry> Entries
    {
        get
        {
            lock (_gate) return _entries.ToArray();
        }
    }

    /// <summary>Lines that were skipped, as "line N: reason".</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_gate) return _warnings.ToArray();
        }
    }

    /// <summary>
    /// Reads a known_hosts file; a missing file (or directory) gives an empty one that
    /// <see cref="Add"/> will create. Throws <see cref="SshException"/> when the file exists but
    /// cannot be read.
    /// </summary>
    public static KnownHostsFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new KnownHostsFile(System.IO.Path.GetFullPath(path));
        if (!File.Exists(file.Path)) return file;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SshException($"cannot read known_hosts file '{file.Path}': {e.Message}", e);
        }
        KnownHostsParser.Parse(lines, file._entries, file._warnings);
        file._lineCount = lines.Length;
        return file;
    }

    /// <summary>The name a host is recorded under: "host" for port 22, otherwise "[host]:port"; lower case.</summary>
    public static string HostName(string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        string name = host.ToLowerInvariant();
        return port == 22 ? name : "[" + name + "]:" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Checks a presented host key: Revoked when a matching @revoked line holds it, Known when a
    /// matching line holds it, Changed when matching lines hold other keys but not this one (of
    /// the same type or not: a server switching key types is as suspect as one switching keys;
    /// the line reported is one of the same type when there is one, else the first), Unknown when
    /// no line names the host. @cert-authority lines are not used here (see <see cref="CertificateAuthorities"/>).
    /// </summary>
    public KnownHostsLookup Lookup(string host, int port, SshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string name = HostName(host, port);
        KnownHostsEntry? known = null, sameType = null, other = null;
        lock (_gate)
        {
            foreach (KnownHostsEntry entry in _entries)
            {
                if (entry.Marker == KnownHostsMarker.CertAuthority || !entry.Matches(name)) continue;
                bool sameKey = entry.Key.Equals(key);
                if (entry.Marker == KnownHostsMarker.Revoked)
                {
                    if (sameKey) return new KnownHostsLookup(KnownHostsStatus.Revoked, entry.LineNumber, entry.Key);
                    continue;
                }
                if (sameKey) known ??= entry;
                else if (entry.Key.KeyType == key.KeyType) sameType ??= entry;
                else other ??= entry;
            }
        }
        if (known is not null) return new KnownHostsLookup(KnownHostsStatus.Known, known.LineNumber, known.Key);
        if ((sameType ?? other) is { } changed) return new KnownHostsLookup(KnownHostsStatus.Changed, changed.LineNumber, changed.Key);
        return new KnownHostsLookup(KnownHostsStatus.Unknown, null, null);
    }

    /// <summary>
    /// The plain lines (no @revoked, no @cert-authority) that name this host, in file order: the
    /// keys the host is known by.
    /// </summary>
    public IReadOnlyList<KnownHostsEntry> HostKeys(string host, int port)
    {
        string name = HostName(host, port);
        lock (_gate)
            return _entries.Where(e => e.Marker == KnownHostsMarker.None && e.Matches(name)).ToArray();
    }

    /// <summary>The @cert-authority lines that name this host, in file order: the CAs trusted to sign its host certificates.</summary>
    public IReadOnlyList<KnownHostsEntry> CertificateAuthorities(string host, int port)
    {
        string name = HostName(host, port);
        lock (_gate)
            return _entries.Where(e => e.Marker == KnownHostsMarker.CertAuthority && e.Matches(name)).ToArray();
    }

    /// <summary>The line number of a @revoked line that names this host and holds <paramref name="key"/>, or null.</summary>
    public int? IsRevoked(string host, int port, SshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string name = HostName(host, port);
        lock (_gate)
            return _entries.FirstOrDefault(e => e.Marker == KnownHostsMarker.Revoked && e.Key.Equals(key) && e.Matches(name))?.LineNumber;
    }

    /// <summary>
    /// Appends "host key-type base64-key" (the host hashed when asked, as HashKnownHosts does),
    /// creating the directory (0700) and file (0600) when missing, whatever the umask. Throws <see cref="SshException"/> when the
    /// file cannot be written.
    /// </summary>
    public void Add(string host, int port, SshPublicKey key, bool hashHostName = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        string name = HostName(host, port);
        string hosts = hashHostName ? HashedHostName.Create(name) : name;
        string line = hosts + " " + key.ToOpenSshLine();
        lock (_gate)
        {
            try
            {
                AppendLine(line);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SshException($"cannot add the host key to known_hosts file '{Path}': {e.Message}", e);
            }
            _lineCount++;
            _entries.Add(new KnownHostsEntry(_lineCount, KnownHostsMarker.None, hosts, key, null));
        }
    }

    // Appends go through O_APPEND in one write, serialised within the process, so concurrent
    // connections adding keys to the same file never overwrite each other's lines.
    private void AppendLine(string line)
    {
        string? directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory)) CreatePrivateDirectory(directory);
        lock (AppendGate)
        {
            var text = new StringBuilder();
            if (File.Exists(Path))
            {
                using var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                (int lines, bool endsWithNewline) = CountLines(reader);
                if (!endsWithNewline) text.Append('\n');   // an editor may have left the last line unterminated
                _lineCount = Math.Max(_lineCount, lines);
            }
            text.Append(line).Append('\n');
            using var writer = new FileStream(Path, AppendOptions());
            writer.Write(Encoding.UTF8.GetBytes(text.ToString()));
            writer.Flush(flushToDisk: true);
        }
    }

    // Every folder we create on the way is 0700 (Directory.CreateDirectory applies a mode to the
    // last one only; the ones above it would follow the umask).
    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        var missing = new Stack<string>();
        for (string? d = directory; !string.IsNullOrEmpty(d) && !Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d))
            missing.Push(d);
        while (missing.TryPop(out string? d))
            Directory.CreateDirectory(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    // The file names every host the user reaches, so a file we create is private (0600) whatever
    // the umask; an existing file keeps the mode its owner gave it.
    private static FileStreamOptions AppendOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    private static (int Lines, bool EndsWithNewline) CountLines(FileStream stream)
    {
        int lines = 0, last = -1, b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b == '\n') lines++;
            last = b;
        }
        return last is >= 0 and not '\n' ? (lines + 1, false) : (lines, true);
    }
}
