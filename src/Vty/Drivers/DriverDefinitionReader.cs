using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vty.Drivers;

/// <summary>
/// Reads driver definitions from YAML (the one format shared by built-in and user drivers) and
/// validates them field by field. A document is either one driver (a mapping with <c>name:</c>)
/// or a mapping with a <c>drivers:</c> list. See docs/drivers.md for the format.
/// </summary>
internal static partial class DriverDefinitionReader
{
    // Wall-clock, so generous: a busy 2-core host can pause a thread for hundreds of milliseconds,
    // and a spurious timeout would fail a command. It still stops a pathological user regex.
    /// <summary>Applied to a driver's patterns when it does not set <c>match_timeout</c>.</summary>
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Login failures every platform words alike; used when a driver defines none.</summary>
    public static readonly IReadOnlyList<string> DefaultLoginErrors =
    [
        @"(?i)% ?bad (secrets?|passwords?)",
        @"(?i)access denied",
        @"(?i)authentication (failed|failure|is rejected)",
        @"(?i)login (incorrect|invalid|failed)",
        @"(?i)(invalid|incorrect|wrong) (password|login|user ?name|credentials)",
        @"(?i)permission denied",
        @"(?i)user login failure",
    ];

    private static readonly Regex NamePattern = new("^[a-z0-9][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> DriverKeys =
    [
        "name", "description", "extends", "aliases", "regex_options", "match_timeout", "prompts",
        "username_prompt", "password_prompt", "errors", "login_errors", "autoinit", "enable",
        "disable", "pager", "config", "guess", "modes", "privileges", "ntc_platform", "samples", "backup", "change",
    ];

    /// <summary>
    /// Parses every driver in <paramref name="yaml"/>. <paramref name="resolveBase"/> finds the
    /// driver named by <c>extends:</c> (earlier drivers of the same text are offered first).
    /// </summary>
    public static IReadOnlyList<Driver> Read(string yaml, string source, Func<string, Driver?> resolveBase)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new DriverDefinitionException(source, null, null,
                $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        var result = new List<Driver>();
        foreach (YamlDocument document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
                throw new DriverDefinitionException(source, null, null, $"line {document.RootNode.Start.Line}: expected a mapping (a driver with 'name:', or 'drivers:' with a list)");

            IEnumerable<YamlNode> definitions = [root];
            if (root.Children.TryGetValue(new YamlScalarNode("drivers"), out YamlNode? list))
            {
                definitions = list is YamlSequenceNode seq
                    ? seq.Children
                    : throw new DriverDefinitionException(source, null, "drivers", "expected a list of driver mappings");
            }

            foreach (YamlNode node in definitions)
            {
                if (node is not YamlMappingNode map)
                    throw new DriverDefinitionException(source, null, null, $"line {node.Start.Line}: expected a driver mapping");
                Driver driver = ReadDriver(map, source, name =>
                    result.FirstOrDefault(d => d.Name == name || d.Aliases.Contains(name)) ?? resolveBase(name));
                result.Add(driver);
            }
        }

        if (result.Count == 0)
            throw new DriverDefinitionException(source, null, null, "no driver definitions found (empty file?)");
        return result;
    }

    private static Driver ReadDriver(YamlMappingNode map, string source, Func<string, Driver?> resolveBase)
    {
        var f = new Fields(map, source);
        string name = f.RequiredString("name");
        f.DriverName = name;
        if (!NamePattern.IsMatch(name))
            throw f.Error("name", "must be 1-64 characters of lower-case letters, digits, '_', '-' or '.', starting with a letter or digit");
        f.RejectUnknownKeys(DriverKeys, null);

        Driver? parent = null;
        string? extends = f.OptionalString("extends");
        if (extends is not null)
        {
            parent = resolveBase(extends) ?? throw f.Error("extends", $"no driver named '{extends}' is defined before this one");
        }

        RegexOptions options = f.RegexOptionsField("regex_options");
        TimeSpan timeout = f.TimeoutField("match_timeout") ?? DefaultMatchTimeout;
        Regex Compile(string pattern, string field, RegexOptions extra = RegexOptions.None) => f.Compile(pattern, field, options | extra, timeout);

        IReadOnlyList<Regex>? anyPrompts = null;
        IReadOnlyDictionary<string, Regex>? modes = null;
        if (f.Node("prompts") is { } promptsNode)
        {
            if (promptsNode is not YamlMappingNode prompts)
                throw f.Error("prompts", "expected a mapping with 'any:' (a list of patterns) and optionally 'modes:'");
            var pf = new Fields(prompts, source) { DriverName = name, Prefix = "prompts." };
            pf.RejectUnknownKeys(["any", "modes"], "prompts.");
            if (pf.Node("any") is not null)
                anyPrompts = pf.StringList("any").Select((p, i) => Compile(p, $"prompts.any[{i}]")).ToList();
            if (pf.Node("modes") is { } modesNode)
            {
                if (modesNode is not YamlMappingNode modeMap)
                    throw f.Error("prompts.modes", "expected a mapping of mode name to pattern, e.g. 'config: ...'");
                var dict = new Dictionary<string, Regex>(StringComparer.Ordinal);
                foreach ((YamlNode k, YamlNode v) in modeMap.Children)
                {
                    string mode = ((YamlScalarNode)k).Value ?? "";
                    if (v is not YamlScalarNode { Value: { Length: > 0 } pattern })
                        throw f.Error($"prompts.modes.{mode}", "expected a pattern string");
                    dict[mode] = Compile(pattern, $"prompts.modes.{mode}");
                }

                modes = dict;
            }
        }

        Regex? username = f.OptionalString("username_prompt") is { } u ? Compile(u, "username_prompt") : parent?.UsernamePrompt;
        Regex? password = f.OptionalString("password_prompt") is { } pw ? Compile(pw, "password_prompt") : parent?.PasswordPrompt;
        username ??= Compile(@"(?i)(user ?name|login|user)\s*:\s*$", "username_prompt");
        password ??= Compile(@"(?i)pass(word|code)?\s*:\s*$", "password_prompt");

        string? enable = f.Has("enable") ? f.OptionalString("enable") : parent?.EnableCommand;
        string? disable = f.Has("disable") ? f.OptionalString("disable") : parent?.DisableCommand;
        var config = ReadConfig(f, source, name, parent);
        bool legacyModeKeys = modes is not null || f.Has("enable") || f.Has("disable") || config.ChangesModes;
        IReadOnlyList<DriverMode> graph;
        if (f.Node("modes") is { } graphNode)
        {
            if (legacyModeKeys)
                throw f.Error("modes", "a driver with a 'modes:' graph gives its mode prompts, enable/disable and config enter/exit as steps of the graph; remove 'prompts.modes', 'enable', 'disable', 'config.enter' and 'config.exit' (or leave out 'modes:')");
            graph = ReadModeGraph(graphNode, f, source, name, (p, field) => Compile(p, field));
            (enable, disable, config.Enter, config.Exit) = LegacyCommands(graph);
        }
        else if (legacyModeKeys || parent is null)
        {
            graph = LegacyGraph(modes ?? parent?.ModePrompts ?? new Dictionary<string, Regex>(), enable, disable, config.Enter, config.Exit, username, password);
        }
        else
        {
            graph = parent.Modes;
        }

        PrivilegeModel privileges = f.OptionalString("privileges") switch
        {
            null when !legacyModeKeys && !f.Has("modes") && parent is not null => parent.Privileges,
            null => InferPrivileges(graph, enable),
            "enable" => PrivilegeModel.Enable,
            "account" => PrivilegeModel.Account,
            "unknown" => PrivilegeModel.Unknown,
            var other => throw f.Error("privileges", $"must be 'enable', 'account' or 'unknown', got '{other}'"),
        };

        if (anyPrompts is null && graph.Count > 0 && (f.Has("modes") || modes is not null))
            anyPrompts = graph.SelectMany(m => m.Prompts).ToList();
        anyPrompts ??= parent?.PromptPatterns;
        if (anyPrompts is null || anyPrompts.Count == 0)
            throw f.Error("prompts.any", "at least one prompt pattern is required (or 'extends:' a driver that has them)");

        Regex? pager = parent?.PagerPattern;
        string pagerAnswer = parent?.PagerAnswer ?? " ";
        if (f.Has("pager"))
        {
            if (f.Node("pager") is null)
            {
                pager = null;
            }
            else if (f.Node("pager") is YamlMappingNode pagerMap)
            {
                var pgf = new Fields(pagerMap, source) { DriverName = name, Prefix = "pager." };
                pgf.RejectUnknownKeys(["pattern", "answer"], "pager.");
                pager = Compile(pgf.RequiredString("pattern"), "pager.pattern");
                pagerAnswer = pgf.OptionalString("answer", allowEmpty: true) ?? " ";
            }
            else
            {
                throw f.Error("pager", "expected a mapping with 'pattern:' and optionally 'answer:' (default a space)");
            }
        }

        var signals = new List<OsGuessSignal>();
        if (f.Node("guess") is { } guessNode)
        {
            if (guessNode is not YamlSequenceNode guessList)
                throw f.Error("guess", "expected a list of { pattern, confidence } entries");
            int i = 0;
            foreach (YamlNode item in guessList.Children)
            {
                string field = $"guess[{i++}]";
                if (item is not YamlMappingNode g)
                    throw f.Error(field, "expected a mapping with 'pattern:' and 'confidence:'");
                var gf = new Fields(g, source) { DriverName = name, Prefix = field + "." };
                gf.RejectUnknownKeys(["pattern", "confidence", "source"], field + ".");
                string pattern = gf.RequiredString("pattern");
                int confidence = gf.RequiredInt("confidence");
                if (confidence is < 1 or > 100)
                    throw f.Error(field + ".confidence", $"must be between 1 and 100, got {confidence}");
                OsGuessSource guessSource = gf.OptionalString("source") switch
                {
                    null or "transcript" => OsGuessSource.Transcript,
                    "remote_version" => OsGuessSource.RemoteVersion,
                    var other => throw f.Error(field + ".source", $"must be 'transcript' or 'remote_version', got '{other}'"),
                };
                signals.Add(new OsGuessSignal(Compile(pattern, field + ".pattern", RegexOptions.Multiline), confidence) { Source = guessSource });
            }
        }

        var aliases = f.Has("aliases") ? f.StringList("aliases") : [];
        for (int i = 0; i < aliases.Count; i++)
        {
            if (!NamePattern.IsMatch(aliases[i]))
                throw f.Error($"aliases[{i}]", $"'{aliases[i]}' is not a valid name (lower-case letters, digits, '_', '-', '.')");
        }

        string? ntcPlatform = f.Has("ntc_platform") ? f.OptionalString("ntc_platform") : parent?.NtcPlatform;
        if (ntcPlatform is not null && !NamePattern.IsMatch(ntcPlatform))
            throw f.Error("ntc_platform", $"'{ntcPlatform}' is not a platform name (lower-case letters, digits, '_', e.g. cisco_ios)");

        return new Driver
        {
            Name = name,
            Description = f.OptionalString("description") ?? parent?.Description ?? "",
            Extends = parent?.Name,
            Source = source,
            Aliases = aliases,
            PromptPatterns = anyPrompts,
            Modes = graph,
            Privileges = privileges,
            UsernamePrompt = username,
            PasswordPrompt = password,
            ErrorPatterns = f.Has("errors") ? f.StringList("errors").Select((p, i) => Compile(p, $"errors[{i}]")).ToList() : parent?.ErrorPatterns ?? [],
            LoginErrorPatterns = f.Has("login_errors")
                ? f.StringList("login_errors").Select((p, i) => Compile(p, $"login_errors[{i}]")).ToList()
                : parent?.LoginErrorPatterns ?? DefaultLoginErrors.Select((p, i) => Compile(p, $"login_errors (default {i})")).ToList(),
            AutoInitCommands = f.Has("autoinit") ? f.StringList("autoinit") : parent?.AutoInitCommands ?? [],
            EnableCommand = enable,
            DisableCommand = disable,
            PagerPattern = pager,
            PagerAnswer = pagerAnswer,
            ConfigEnterCommand = config.Enter,
            ConfigExitCommand = config.Exit,
            CommitCommand = config.Commit,
            SaveCommand = config.Save,
            GuessSignals = signals,
            NtcPlatform = ntcPlatform,
            Samples = ReadSamples(f, source, name),
            Backup = f.Has("backup")
                ? f.Node("backup") is { } backupNode ? BackupRecipeReader.Read(backupNode, (field, problem) => f.Error(field, problem), (p, field) => Compile(p, field, RegexOptions.None)) : null
                : parent?.Backup,
            Change = f.Has("change")
                ? f.Node("change") is { } changeNode ? ChangeRecipeReader.Read(changeNode, (field, problem) => f.Error(field, problem)) : null
                : parent?.Change,
        };
    }

    // Samples document the platform and are checked by the test suite; they belong to one
    // definition, so a derived driver does not inherit them.
    private static DriverSamples ReadSamples(Fields f, string source, string name)
    {
        if (f.Node("samples") is not { } node)
            return DriverSamples.None;
        if (node is not YamlMappingNode map)
            throw f.Error("samples", "expected a mapping with any of 'prompts:', 'banners:', 'errors:' (lists of text)");
        var sf = new Fields(map, source) { DriverName = name, Prefix = "samples." };
        sf.RejectUnknownKeys(["prompts", "banners", "errors"], "samples.");
        return new DriverSamples(sf.StringList("prompts"), sf.StringList("banners"), sf.StringList("errors"));
    }

    /// <summary>Typed access to one YAML mapping with errors that say where.</summary>
    private sealed class Fields(YamlMappingNode map, string source)
    {
        public string? DriverName { get; set; }

        public string Prefix { get; init; } = "";

        public bool Has(string key) => map.Children.ContainsKey(new YamlScalarNode(key));

        /// <summary>The node under <paramref name="key"/>, or null when absent or an explicit null.</summary>
        public YamlNode? Node(string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node))
                return null;
            return node is YamlScalarNode s && IsNull(s) ? null : node;
        }

        public DriverDefinitionException Error(string field, string problem) =>
            new(source, DriverName, field.StartsWith(Prefix, StringComparison.Ordinal) ? field : Prefix + field, problem);

        public void RejectUnknownKeys(IReadOnlyCollection<string> allowed, string? prefix)
        {
            foreach (YamlNode key in map.Children.Keys)
            {
                string k = (key as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(k))
                    throw new DriverDefinitionException(source, DriverName, (prefix ?? "") + k,
                        $"unknown field (line {key.Start.Line}); allowed here: {string.Join(", ", allowed)}");
            }
        }

        public string RequiredString(string key) =>
            OptionalString(key) ?? throw Error(key, "is required and must be a non-empty string");

        public string? OptionalString(string key, bool allowEmpty = false)
        {
            YamlNode? node = Node(key);
            if (node is null)
                return null;
            if (node is not YamlScalarNode scalar)
                throw Error(key, $"expected a string (line {node.Start.Line})");
            string value = scalar.Value ?? "";
            if (value.Length == 0 && !allowEmpty)
                throw Error(key, "must not be empty (leave the field out, or write null, for none)");
            return value;
        }

        public int RequiredInt(string key)
        {
            string text = RequiredString(key);
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw Error(key, $"expected a whole number, got '{text}'");
        }

        public IReadOnlyList<string> StringList(string key)
        {
            YamlNode? node = Node(key);
            if (node is null)
                return [];
            if (node is YamlScalarNode single)
                return [single.Value ?? ""];
            if (node is not YamlSequenceNode seq)
                throw Error(key, $"expected a list of strings (line {node.Start.Line})");
            var list = new List<string>();
            int i = 0;
            foreach (YamlNode item in seq.Children)
            {
                if (item is not YamlScalarNode { Value: { Length: > 0 } value } || IsNull((YamlScalarNode)item))
                    throw Error($"{key}[{i}]", $"expected a non-empty string (line {item.Start.Line})");
                list.Add(value);
                i++;
            }

            return list;
        }

        public RegexOptions RegexOptionsField(string key)
        {
            RegexOptions options = RegexOptions.CultureInvariant;
            int i = 0;
            foreach (string name in StringList(key))
            {
                options |= name switch
                {
                    "ignore_case" => RegexOptions.IgnoreCase,
                    "multiline" => RegexOptions.Multiline,
                    "singleline" => RegexOptions.Singleline,
                    "explicit_capture" => RegexOptions.ExplicitCapture,
                    "ignore_pattern_whitespace" => RegexOptions.IgnorePatternWhitespace,
                    "non_backtracking" => RegexOptions.NonBacktracking,
                    _ => throw Error($"{key}[{i}]", $"unknown option '{name}'; use ignore_case, multiline, singleline, explicit_capture, ignore_pattern_whitespace or non_backtracking"),
                };
                i++;
            }

            return options;
        }

        public TimeSpan? TimeoutField(string key)
        {
            string? text = OptionalString(key);
            if (text is null)
                return null;
            Match m = Regex.Match(text, @"^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$", RegexOptions.CultureInvariant);
            if (!m.Success)
                throw Error(key, $"expected a duration such as '250ms' or '1s', got '{text}'");
            double value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            TimeSpan timeout = m.Groups[2].Value == "s" ? TimeSpan.FromSeconds(value) : TimeSpan.FromMilliseconds(value);
            if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromSeconds(10))
                throw Error(key, $"must be more than 0 and at most 10s, got '{text}'");
            return timeout;
        }

        public Regex Compile(string pattern, string field, RegexOptions options, TimeSpan timeout)
        {
            try
            {
                return new Regex(pattern, options, timeout);
            }
            catch (ArgumentException e)
            {
                throw Error(field, $"invalid regular expression '{pattern}': {e.Message}");
            }
            catch (NotSupportedException e)
            {
                throw Error(field, $"regular expression '{pattern}' is not supported with these options: {e.Message}");
            }
        }

        private static bool IsNull(YamlScalarNode s) =>
            s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");
    }
}
