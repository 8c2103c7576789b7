using System.Text;
using Vty.Ssh.Keys;

namespace Vty.Ssh.Server.Auth;

/// <summary>
/// An OpenSSH authorized_keys file (sshd(8) "AUTHORIZED_KEYS FILE FORMAT"): one key per line as
/// <c>[options] keytype base64 [comment]</c>, '#' comments and blank lines ignored. Lines that
/// cannot be parsed (unknown key types, broken base64) are skipped and reported in
/// <see cref="Problems"/>, as sshd skips them, so one bad line does not lock everyone out.
/// Options are parsed and kept but not enforced by the server.
/// </summary>
public sealed class AuthorizedKeysFile
{
    private readonly HashSet<string> _blobs;

    private AuthorizedKeysFile(string? path, IReadOnlyList<AuthorizedKey> keys, IReadOnlyList<string> problems)
    {
        Path = path;
        Keys = keys;
        Problems = problems;
        _blobs = new HashSet<string>(keys.Select(k => Convert.ToBase64String(k.Key.Blob)), StringComparer.Ordinal);
    }

    /// <summary>Where the keys came from, or null when parsed from text.</summary>
    public string? Path { get; }

    /// <summary>The keys, in file order.</summary>
    public IReadOnlyList<AuthorizedKey> Keys { get; }

    /// <summary>Lines that were skipped, as "line N: reason".</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Reads a file. Throws <see cref="FileNotFoundException"/> when it does not exist.</summary>
    public static AuthorizedKeysFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the text of an authorized_keys file.</summary>
    public static AuthorizedKeysFile Parse(string text, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<AuthorizedKey>();
        var problems = new List<string>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            try
            {
                keys.Add(ParseLine(line, i + 1));
            }
            catch (Exception ex) when (ex is SshException or FormatException or ArgumentException)
            {
                problems.Add($"line {i + 1}: {ex.Message}");
            }
        }
        return new AuthorizedKeysFile(path, keys, problems);
    }

    /// <summary>True when the key (compared by its wire blob) is listed.</summary>
    public bool Contains(SshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _blobs.Contains(Convert.ToBase64String(key.Blob));
    }

    private static AuthorizedKey ParseLine(string line, int lineNumber)
    {
        string? options = null;
        string rest = line;
        if (!LooksLikeKeyType(FirstToken(line)))
        {
            int end = EndOfOptions(line);
            options = line[..end];
            rest = line[end..].TrimStart();
        }
        string keyType = FirstToken(rest);
        if (keyType.Length == 0)
            throw new FormatException("no key after the options");
        string afterType = rest[keyType.Length..].TrimStart();
        string base64 = FirstToken(afterType);
        if (base64.Length == 0)
            throw new FormatException($"key type {keyType} is not followed by a base64 key");
        string comment = afterType[base64.Length..].Trim();
        SshPublicKey key = SshPublicKey.FromBlob(Convert.FromBase64String(base64));
        if (!string.Equals(key.KeyType, keyType, StringComparison.Ordinal))
            throw new FormatException($"the line says {keyType} but the key inside is {key.KeyType}");
        return new AuthorizedKey(key, options, comment.Length == 0 ? null : comment, lineNumber);
    }

    private static string FirstToken(string text)
    {
        int end = 0;
        while (end < text.Length && text[end] != ' ' && text[end] != '\t') end++;
        return text[..end];
    }

    private static bool LooksLikeKeyType(string token) =>
        token.StartsWith("ssh-", StringComparison.Ordinal) || token.StartsWith("ecdsa-sha2-", StringComparison.Ordinal)
        || token.StartsWith("sk-", StringComparison.Ordinal) || token.StartsWith("rsa-sha2-", StringComparison.Ordinal);

    // Options end at the first space or tab outside double quotes; a backslash escapes a quote inside.
    private static int EndOfOptions(string line)
    {
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '\\' && i + 1 < line.Length && line[i + 1] == '"') { i++; continue; }
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == ' ' || c == '\t')) return i;
        }
        throw new FormatException(quoted ? "unterminated quote in the options" : "options but no key");
    }

    /// <summary>The file back in OpenSSH format (options, key, comment per line).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (AuthorizedKey entry in Keys)
        {
            if (entry.Options is not null) text.Append(entry.Options).Append(' ');
            text.Append(entry.Key.ToOpenSshLine(entry.Comment)).Append('\n');
        }
        return text.ToString();
    }
}
