using System.Text;

namespace Vty.Ssh.Scp;

/// <summary>An "scp -t/-f …" command line as a client sends it to run the remote side of a copy.</summary>
public sealed record ScpCommand(bool Sink, bool Recursive, bool Preserve, bool TargetIsDirectory, IReadOnlyList<string> Paths)
{
    /// <summary>Parses the command of an exec request; null when it is not an scp -t/-f command.</summary>
    public static ScpCommand? Parse(string command)
    {
        List<string>? words = Split(command);
        if (words is not { Count: >= 2 } || words[0] is not ("scp" or "/usr/bin/scp")) return null;
        bool? sink = null;
        bool recursive = false, preserve = false, directory = false;
        int i = 1;
        for (; i < words.Count && words[i].StartsWith('-') && words[i].Length > 1; i++)
        {
            if (words[i] == "--")
            {
                i++;
                break;
            }
            foreach (char flag in words[i].AsSpan(1))
            {
                switch (flag)
                {
                    case 't': sink = true; break;
                    case 'f': sink = false; break;
                    case 'r': recursive = true; break;
                    case 'p': preserve = true; break;
                    case 'd': directory = true; break;
                    case 'v' or 'q' or 'E': break;
                    default: return null;
                }
            }
        }
        if (sink is null || i >= words.Count) return null;
        return new ScpCommand(sink.Value, recursive, preserve, directory, words.Skip(i).ToList());
    }

    /// <summary>The command line for the remote side (paths quoted for a POSIX shell only when they need it).</summary>
    public string ToCommandLine()
    {
        var line = new StringBuilder("scp ");
        line.Append(Sink ? "-t" : "-f");
        if (Recursive) line.Append(" -r");
        if (Preserve) line.Append(" -p");
        if (TargetIsDirectory) line.Append(" -d");
        foreach (string path in Paths) line.Append(' ').Append(Quote(path));
        return line.ToString();
    }

    /// <summary>Network devices parse scp arguments without a shell, so plain paths (flash:/x.bin) stay unquoted.</summary>
    internal static string Quote(string path) =>
        path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || "/._:@%+=,-~".Contains(c))
            ? path
            : "'" + path.Replace("'", "'\\''") + "'";

    private static List<string>? Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (c == '\'')
            {
                int end = command.IndexOf('\'', i + 1);
                if (end < 0) return null;
                word.Append(command, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                int j = i + 1;
                for (; j < command.Length && command[j] != '"'; j++)
                {
                    if (command[j] == '\\' && j + 1 < command.Length && "\"\\$`".Contains(command[j + 1])) j++;
                    word.Append(command[j]);
                }
                if (j >= command.Length) return null;
                i = j;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < command.Length)
            {
                word.Append(command[++i]);
                inWord = true;
            }
            else if (c is ' ' or '\t')
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
