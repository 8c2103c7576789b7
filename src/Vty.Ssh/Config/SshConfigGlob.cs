using Vty.Ssh.Algorithms;

namespace Vty.Ssh.Config;

/// <summary>File globbing for Include: '*' and '?' in any path segment, results sorted as glob(3) does.</summary>
internal static class SshConfigGlob
{
    public static IEnumerable<string> Expand(string path)
    {
        if (!path.Contains('*') && !path.Contains('?'))
            return File.Exists(path) ? [path] : [];
        string root = Path.GetPathRoot(path) ?? "/";
        string[] segments = path[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [root];
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            bool last = i == segments.Length - 1;
            current = current.SelectMany(dir => Children(dir, segment, last)).ToList();
        }
        return current.Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Children(string dir, string segment, bool last)
    {
        if (!segment.Contains('*') && !segment.Contains('?'))
        {
            string candidate = Path.Combine(dir, segment);
            return (last ? File.Exists(candidate) : Directory.Exists(candidate)) ? [candidate] : [];
        }
        if (!Directory.Exists(dir)) return [];
        IEnumerable<string> entries = last ? Directory.EnumerateFiles(dir) : Directory.EnumerateDirectories(dir);
        // Like glob(3), a wildcard does not match a leading dot.
        return entries.Where(e =>
        {
            string name = Path.GetFileName(e);
            return (!name.StartsWith('.') || segment.StartsWith('.')) && AlgorithmList.WildcardMatches(segment, name);
        });
    }
}
