using System.Collections.Concurrent;

namespace Vty.Ssh.Server.Auth;

/// <summary>Keeps parsed authorized_keys files and reloads one when its size or write time changes.</summary>
internal sealed class AuthorizedKeysCache
{
    private readonly ConcurrentDictionary<string, (DateTime WriteTime, long Length, AuthorizedKeysFile File)> _files = new(StringComparer.Ordinal);

    /// <summary>The parsed file, or null when it does not exist.</summary>
    public AuthorizedKeysFile? Get(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            _files.TryRemove(path, out _);
            return null;
        }
        if (_files.TryGetValue(path, out var cached) && cached.WriteTime == info.LastWriteTimeUtc && cached.Length == info.Length)
            return cached.File;
        AuthorizedKeysFile file = AuthorizedKeysFile.Load(path);
        _files[path] = (info.LastWriteTimeUtc, info.Length, file);
        return file;
    }
}
