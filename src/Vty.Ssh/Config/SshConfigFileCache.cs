using System.Collections.Concurrent;

namespace Vty.Ssh.Config;

/// <summary>
/// What <see cref="SshConfig.Resolve"/> reads from disk: parsed files, whether the top-level files
/// exist, and Include expansions. One per resolve by default; one per <see cref="SshConfig"/> when
/// it keeps parsed files (<see cref="SshConfig.WithParsedFilesKept"/>), hence thread-safe.
/// </summary>
internal sealed class SshConfigFileCache
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<SshConfigDirective>> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _exists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _expanded = new(StringComparer.Ordinal);
    private IReadOnlyList<SshConfigDirective>? _inline;

    /// <summary>The directives of <paramref name="path"/>; throws <see cref="SshConfigException"/> when it cannot be read (not kept).</summary>
    public IReadOnlyList<SshConfigDirective> Read(string path)
    {
        if (_parsed.TryGetValue(path, out var directives)) return directives;
        try
        {
            return _parsed.GetOrAdd(path, SshConfigLineParser.ParseText(File.ReadAllText(path), path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SshConfigException($"cannot read ssh config file {path}: {e.Message}");
        }
    }

    public bool Exists(string path) => _exists.GetOrAdd(path, File.Exists);

    public IEnumerable<string> Expand(string pattern) => _expanded.GetOrAdd(pattern, p => [.. SshConfigGlob.Expand(p)]);

    public IReadOnlyList<SshConfigDirective> ParseInline(string text) =>
        _inline ??= SshConfigLineParser.ParseText(text, "(inline ssh config)");
}
