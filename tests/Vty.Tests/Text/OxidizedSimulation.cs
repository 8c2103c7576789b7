using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Vty.Tests.Text;

/// <summary>
/// One Oxidized session recording: the initial prompt and each (write, response) pair, decoded to
/// the characters the device sent. Values are Ruby-escaped strings inside YAML block scalars
/// (<c>\e</c>, <c>\r</c>, <c>\x20</c>, <c>\"</c> …; an unknown escape keeps its backslash).
/// </summary>
internal sealed record OxidizedSimulation(string Name, string InitPrompt, IReadOnlyList<(string Write, string Response)> Exchanges)
{
    public string Transcript => InitPrompt + string.Concat(Exchanges.Select(e => e.Response));

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(FixturePaths.Oxidized, "*simulation.yaml").OrderBy(f => f, StringComparer.Ordinal);

    public static OxidizedSimulation Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(BlankSpaceOnlyFirstLines(File.ReadAllText(path))))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string init = Undump(Scalar(root, "init_prompt"));
        var exchanges = new List<(string, string)>();
        if (root.Children.TryGetValue(new YamlScalarNode("commands"), out YamlNode? commands))
        {
            IEnumerable<KeyValuePair<YamlNode, YamlNode>> pairs = commands switch
            {
                YamlMappingNode map => map.Children,
                YamlSequenceNode seq => seq.Children.SelectMany(n => ((YamlMappingNode)n).Children),
                _ => [],
            };
            foreach ((YamlNode key, YamlNode value) in pairs)
                exchanges.Add((((YamlScalarNode)key).Value ?? "", Undump((value as YamlScalarNode)?.Value ?? "")));
        }

        return new OxidizedSimulation(Path.GetFileName(path), init, exchanges);
    }

    private static string Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) ? (node as YamlScalarNode)?.Value ?? "" : "";

    // YamlDotNet rejects a block scalar whose first line holds only spaces (YamlDotNet #523); such a
    // leading blank line decodes to LF whatever spaces it holds, so blank it before parsing.
    private static string BlankSpaceOnlyFirstLines(string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            if (Regex.IsMatch(lines[i - 1], @"\|[-+]?\s*$") && lines[i].Length > 0 && lines[i].Trim(' ').Length == 0)
                lines[i] = "";
        }

        return string.Join('\n', lines);
    }

    public static string Undump(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }

            char n = text[i + 1];
            switch (n)
            {
                case 'r': sb.Append('\r'); i++; break;
                case 'n': sb.Append('\n'); i++; break;
                case 't': sb.Append('\t'); i++; break;
                case 'e': sb.Append('\x1b'); i++; break;
                case 'b': sb.Append('\b'); i++; break;
                case 'a': sb.Append('\a'); i++; break;
                case 'f': sb.Append('\f'); i++; break;
                case 'v': sb.Append('\v'); i++; break;
                case '"': case '\\': case '#': sb.Append(n); i++; break;
                case 'x' when IsHex(text, i + 2, 2):
                    sb.Append((char)int.Parse(text.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 3;
                    break;
                case 'u' when IsHex(text, i + 2, 4):
                    sb.Append((char)int.Parse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 5;
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool IsHex(string s, int start, int count)
    {
        if (start + count > s.Length)
            return false;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiHexDigit(s[i]))
                return false;
        }

        return true;
    }
}
