using Vty.Ssh.Keys;

namespace Vty.Ssh.KnownHosts;

/// <summary>
/// Parses known_hosts text (OpenSSH sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
/// [@marker] hosts key-type base64-key [comment]. Comments and blank lines are ignored; bad
/// lines are skipped with a warning naming the line.
/// </summary>
internal static class KnownHostsParser
{
    public static void Parse(IEnumerable<string> lines, List<KnownHostsEntry> entries, List<string> warnings)
    {
        int lineNumber = 0;
        foreach (string raw in lines)
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (TryParseLine(line, lineNumber, out KnownHostsEntry? entry, out string? problem))
                entries.Add(entry);
            else
                warnings.Add($"line {lineNumber}: {problem}; line ignored");
        }
    }

    private static bool TryParseLine(string line, int lineNumber, out KnownHostsEntry entry, out string problem)
    {
        entry = null!;
        string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int index = 0;
        KnownHostsMarker marker = KnownHostsMarker.None;
        if (fields[0].StartsWith('@'))
        {
            switch (fields[0])
            {
                case "@cert-authority":
                    marker = KnownHostsMarker.CertAuthority;
                    break;
                case "@revoked":
                    marker = KnownHostsMarker.Revoked;
                    break;
                default:
                    problem = $"unknown marker '{fields[0]}'";
                    return false;
            }
            index = 1;
        }
        if (fields.Length - index < 3)
        {
            problem = "expected 'hosts key-type base64-key [comment]'";
            return false;
        }
        string hosts = fields[index];
        string keyType = fields[index + 1];
        if (hosts.StartsWith('|') && !HashedHostName.IsValid(hosts))
        {
            problem = "malformed hashed host name (expected |1|salt|hash)";
            return false;
        }
        SshPublicKey key;
        try
        {
            key = SshPublicKey.Parse(Convert.FromBase64String(fields[index + 2]));
        }
        catch (FormatException)
        {
            problem = "the key is not valid base64";
            return false;
        }
        catch (SshKeyException e)
        {
            problem = e.Message;
            return false;
        }
        if (key.KeyType != keyType)
        {
            problem = $"key type '{keyType}' does not match the key's own type '{key.KeyType}'";
            return false;
        }
        string? comment = fields.Length > index + 3 ? string.Join(' ', fields, index + 3, fields.Length - index - 3) : null;
        entry = new KnownHostsEntry(lineNumber, marker, hosts, key, comment);
        problem = "";
        return true;
    }
}
