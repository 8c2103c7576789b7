using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Vty.Drivers;

/// <summary>The mode graph part of the driver format: <c>modes:</c>, and the older keys mapped onto a graph.</summary>
internal static partial class DriverDefinitionReader
{
    private static readonly Regex ModeNamePattern = new("^[a-z][a-z0-9_]{0,31}$", RegexOptions.CultureInvariant);

    // Junos and IOS-XR ask before dropping uncommitted changes when leaving configuration mode.
    // "[cancel]" offers yes = commit, no = discard; the plain question's yes discards.
    private const string UncommittedWithCancel = @"(?i)uncommitted changes.*cancel.*[\?:\]\)]\s*$";
    private const string UncommittedQuestion = @"(?i)uncommitted changes.*[\?:\]\)]\s*$";

    private sealed class ConfigFields
    {
        public string? Enter { get; set; }

        public string? Exit { get; set; }

        public string? Commit { get; set; }

        public string? Save { get; set; }

        /// <summary>True when the definition itself sets config enter or exit (which are steps of the graph).</summary>
        public bool ChangesModes { get; set; }
    }

    private static ConfigFields ReadConfig(Fields f, string source, string name, Driver? parent)
    {
        var config = new ConfigFields
        {
            Enter = parent?.ConfigEnterCommand,
            Exit = parent?.ConfigExitCommand,
            Commit = parent?.CommitCommand,
            Save = parent?.SaveCommand,
        };
        if (!f.Has("config"))
            return config;
        if (f.Node("config") is YamlMappingNode configMap)
        {
            var cf = new Fields(configMap, source) { DriverName = name, Prefix = "config." };
            cf.RejectUnknownKeys(["enter", "exit", "commit", "save"], "config.");
            config.ChangesModes = cf.Has("enter") || cf.Has("exit");
            config.Enter = cf.Has("enter") ? cf.OptionalString("enter") : config.Enter;
            config.Exit = cf.Has("exit") ? cf.OptionalString("exit") : config.Exit;
            config.Commit = cf.Has("commit") ? cf.OptionalString("commit") : config.Commit;
            config.Save = cf.Has("save") ? cf.OptionalString("save") : config.Save;
        }
        else if (f.Node("config") is not null)
        {
            throw f.Error("config", "expected a mapping with any of 'enter:', 'exit:', 'commit:', 'save:'");
        }
        else
        {
            config.Enter = config.Exit = config.Commit = config.Save = null;
            config.ChangesModes = true;
        }

        return config;
    }

    private static List<DriverMode> ReadModeGraph(YamlNode node, Fields f, string source, string name, Func<string, string, Regex> compile)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
            throw f.Error("modes", "expected a mapping of mode name to { prompt, kind, from }");
        var names = map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").ToList();
        var modes = new List<DriverMode>();
        foreach ((YamlNode key, YamlNode value) in map.Children)
        {
            string mode = ((YamlScalarNode)key).Value ?? "";
            string field = $"modes.{mode}";
            if (!ModeNamePattern.IsMatch(mode))
                throw f.Error(field, "a mode name is 1-32 lower-case letters, digits or '_', starting with a letter");
            if (value is not YamlMappingNode modeMap)
                throw f.Error(field, "expected a mapping with 'prompt:' and optionally 'kind:' and 'from:'");
            var mf = new Fields(modeMap, source) { DriverName = name, Prefix = field + "." };
            mf.RejectUnknownKeys(["prompt", "kind", "from"], field + ".");
            var prompts = mf.StringList("prompt").Select((p, i) => compile(p, $"{field}.prompt[{i}]")).ToList();
            if (prompts.Count == 0)
                throw f.Error(field + ".prompt", "every mode needs a prompt pattern (or a list of them)");
            ModeKind kind = mf.OptionalString("kind") switch
            {
                null => DriverMode.KindFromName(mode),
                "user" => ModeKind.User,
                "privileged" => ModeKind.Privileged,
                "config" => ModeKind.Config,
                "other" => ModeKind.Other,
                var other => throw f.Error(field + ".kind", $"must be user, privileged, config or other, got '{other}'"),
            };
            var entries = new List<ModeTransition>();
            if (mf.Node("from") is { } fromNode)
            {
                if (fromNode is not YamlMappingNode fromMap)
                    throw f.Error(field + ".from", "expected a mapping of neighbour mode to a step ('send line', or { send, answer })");
                foreach ((YamlNode fromKey, YamlNode step) in fromMap.Children)
                {
                    string from = ((YamlScalarNode)fromKey).Value ?? "";
                    string stepField = $"{field}.from.{from}";
                    if (!names.Contains(from))
                        throw f.Error(stepField, $"no mode named '{from}' in this graph; modes: {string.Join(", ", names)}");
                    if (from == mode)
                        throw f.Error(stepField, "a mode cannot be reached from itself");
                    entries.Add(ReadStep(step, f, source, name, stepField, from, mode, compile));
                }
            }

            modes.Add(new DriverMode { Name = mode, Kind = kind, Prompts = prompts, Entries = entries });
        }

        return modes;
    }

    private static ModeTransition ReadStep(YamlNode step, Fields f, string source, string name, string field, string from, string to, Func<string, string, Regex> compile)
    {
        if (step is YamlScalarNode { Value: { Length: > 0 } line })
            return new ModeTransition { From = from, To = to, Send = line };
        if (step is not YamlMappingNode stepMap)
            throw f.Error(field, "expected the line to send, or a mapping with 'send:' and optionally 'answer:'");
        var sf = new Fields(stepMap, source) { DriverName = name, Prefix = field + "." };
        sf.RejectUnknownKeys(["send", "answer"], field + ".");
        string send = sf.OptionalString("send", allowEmpty: true) ?? throw f.Error(field + ".send", "is required: the line that reaches the mode ('' for a bare Enter)");
        var answers = new List<ModeAnswer>();
        if (sf.Node("answer") is { } answerNode)
        {
            if (answerNode is not YamlSequenceNode answerList)
                throw f.Error(field + ".answer", "expected a list of { prompt, credential } or { prompt, text } entries");
            int i = 0;
            foreach (YamlNode item in answerList.Children)
            {
                string af = $"{field}.answer[{i++}]";
                if (item is not YamlMappingNode answerMap)
                    throw f.Error(af, "expected a mapping with 'prompt:' and 'credential:' or 'text:'");
                var ff = new Fields(answerMap, source) { DriverName = name, Prefix = af + "." };
                ff.RejectUnknownKeys(["prompt", "credential", "text"], af + ".");
                Regex prompt = compile(ff.RequiredString("prompt"), af + ".prompt");
                string? credential = ff.OptionalString("credential");
                string? text = ff.OptionalString("text", allowEmpty: true);
                if ((credential is null) == (text is null))
                    throw f.Error(af, "give exactly one of 'credential:' (username, password, enable_password) and 'text:'");
                answers.Add(new ModeAnswer
                {
                    Prompt = prompt,
                    Text = text ?? "",
                    Credential = credential switch
                    {
                        null => null,
                        "username" => ModeCredential.Username,
                        "password" => ModeCredential.Password,
                        "enable_password" => ModeCredential.EnablePassword,
                        _ => throw f.Error(af + ".credential", $"must be username, password or enable_password, got '{credential}'"),
                    },
                });
            }
        }

        return new ModeTransition { From = from, To = to, Send = send, Answers = answers };
    }

    /// <summary>
    /// Maps the older keys onto a graph: each <c>prompts.modes</c> entry is a mode (kind from its
    /// name), <c>enable</c>/<c>disable</c> connect the user and privileged modes (enable answers
    /// the username prompt with the account name and the password prompt with the enable password), <c>config.enter</c>/<c>config.exit</c>
    /// connect the privileged mode (or, without one, the user mode) and the config modes.
    /// </summary>
    private static List<DriverMode> LegacyGraph(IReadOnlyDictionary<string, Regex> modePrompts, string? enable, string? disable, string? configEnter, string? configExit, Regex usernamePrompt, Regex passwordPrompt)
    {
        var kinds = modePrompts.Keys.ToDictionary(m => m, DriverMode.KindFromName, StringComparer.Ordinal);
        var entries = modePrompts.Keys.ToDictionary(m => m, _ => new List<ModeTransition>(), StringComparer.Ordinal);
        string? user = kinds.FirstOrDefault(k => k.Value == ModeKind.User).Key;
        string? privileged = kinds.FirstOrDefault(k => k.Value == ModeKind.Privileged).Key;
        if (enable is not null && user is not null && privileged is not null)
        {
            entries[privileged].Add(new ModeTransition
            {
                From = user, To = privileged, Send = enable,
                Answers =
                [
                    new ModeAnswer { Prompt = usernamePrompt, Credential = ModeCredential.Username },
                    new ModeAnswer { Prompt = passwordPrompt, Credential = ModeCredential.EnablePassword },
                ],
            });
        }

        if (disable is not null && user is not null && privileged is not null)
            entries[user].Add(new ModeTransition { From = privileged, To = user, Send = disable });

        string? home = privileged ?? user;
        if (home is not null)
        {
            foreach ((string mode, ModeKind kind) in kinds.Where(k => k.Value == ModeKind.Config))
            {
                if (configEnter is not null && entries.Values.All(list => list.All(t => t.Send != configEnter)))
                    entries[mode].Add(new ModeTransition { From = home, To = mode, Send = configEnter });
                if (configExit is not null)
                {
                    entries[home].Add(new ModeTransition
                    {
                        From = mode, To = home, Send = configExit,
                        Answers =
                        [
                            new ModeAnswer { Prompt = new Regex(UncommittedWithCancel, RegexOptions.CultureInvariant, DefaultMatchTimeout), Text = "no" },
                            new ModeAnswer { Prompt = new Regex(UncommittedQuestion, RegexOptions.CultureInvariant, DefaultMatchTimeout), Text = "yes" },
                        ],
                    });
                }
            }
        }

        return modePrompts.Select(p => new DriverMode { Name = p.Key, Kind = kinds[p.Key], Prompts = [p.Value], Entries = entries[p.Key] }).ToList();
    }

    /// <summary>The older single commands, read back from a graph (for code that still asks for them).</summary>
    private static (string? Enable, string? Disable, string? ConfigEnter, string? ConfigExit) LegacyCommands(IReadOnlyList<DriverMode> graph)
    {
        ModeKind KindOf(string mode) => graph.First(m => m.Name == mode).Kind;
        var steps = graph.SelectMany(m => m.Entries).ToList();
        string? enable = steps.FirstOrDefault(t => KindOf(t.From) == ModeKind.User && KindOf(t.To) == ModeKind.Privileged)?.Send;
        string? disable = steps.FirstOrDefault(t => KindOf(t.From) == ModeKind.Privileged && KindOf(t.To) == ModeKind.User)?.Send;
        string? enter = steps.FirstOrDefault(t => KindOf(t.From) != ModeKind.Config && KindOf(t.To) == ModeKind.Config)?.Send;
        string? exit = steps.FirstOrDefault(t => KindOf(t.From) == ModeKind.Config && KindOf(t.To) != ModeKind.Config)?.Send;
        return (enable, disable, enter, exit);
    }

    private static PrivilegeModel InferPrivileges(IReadOnlyList<DriverMode> graph, string? enable)
    {
        if (graph.Count == 0)
            return enable is null ? PrivilegeModel.Account : PrivilegeModel.Enable;
        var probe = new Driver { Name = "probe", PromptPatterns = [], UsernamePrompt = ModeNamePattern, PasswordPrompt = ModeNamePattern, Modes = graph };
        bool raises = graph.Where(m => m.Kind == ModeKind.User)
            .Any(u => graph.Where(m => m.Kind == ModeKind.Privileged).Any(p => probe.FindPath(u.Name, p.Name) is not null));
        return raises ? PrivilegeModel.Enable : PrivilegeModel.Account;
    }
}
