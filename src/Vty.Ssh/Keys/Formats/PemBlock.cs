using System.Text;

namespace Vty.Ssh.Keys.Formats;

/// <summary>
/// One PEM-armored block: "-----BEGIN LABEL-----", optional RFC 1421 headers (Proc-Type,
/// DEK-Info) ended by a blank line, base64 body, "-----END LABEL-----".
/// </summary>
internal sealed record PemBlock(string Label, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static PemBlock Parse(string text)
    {
        string[] lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        int i = 0;
        while (i < lines.Length && !lines[i].Trim().StartsWith("-----BEGIN ", StringComparison.Ordinal)) i++;
        if (i == lines.Length)
            throw new SshKeyException("no '-----BEGIN ... PRIVATE KEY-----' line found: not a PEM or OpenSSH private key file");
        string begin = lines[i].Trim();
        if (!begin.EndsWith("-----", StringComparison.Ordinal) || begin.Length < 16)
            throw new SshKeyException($"malformed PEM header line '{begin}'");
        string label = begin[11..^5];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var body = new StringBuilder();
        bool inHeaders = true;
        for (i++; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith("-----END ", StringComparison.Ordinal))
            {
                if (line != $"-----END {label}-----")
                    throw new SshKeyException($"PEM block '{label}' ends with a mismatched '{line}'");
                return new PemBlock(label, headers, Decode(body.ToString(), label));
            }
            if (inHeaders)
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && body.Length == 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    continue;
                }
                inHeaders = false;
                if (line.Length == 0) continue;
            }
            body.Append(line);
        }
        throw new SshKeyException($"PEM block '{label}' has no '-----END {label}-----' line: the file is truncated");
    }

    private static byte[] Decode(string base64, string label)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new SshKeyException($"the body of the '{label}' block is not valid base64", e);
        }
    }

    /// <summary>Armors a body with 70-character base64 lines, as ssh-keygen writes them.</summary>
    public static string Write(string label, ReadOnlySpan<byte> body)
    {
        string base64 = Convert.ToBase64String(body);
        var text = new StringBuilder();
        text.Append("-----BEGIN ").Append(label).Append("-----\n");
        for (int i = 0; i < base64.Length; i += 70)
            text.Append(base64, i, Math.Min(70, base64.Length - i)).Append('\n');
        text.Append("-----END ").Append(label).Append("-----\n");
        return text.ToString();
    }
}
