using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Vty.Tasks.Steps;

namespace Vty.Tasks;

/// <summary>Reads task YAML with line numbers in every error and no silently ignored keys.</summary>
internal static class TaskFileParser
{
    private static readonly string[] StepKinds = ["command", "config", "run", "sudo", "send", "enable", "commit", "save", "expect"];
    private static readonly string[] Modifiers = ["name", "ignore_errors", "timeout", "ok_exit_codes", "comment", "confirm"];

    public static TaskFile Parse(string yaml, string source)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw new TaskFileException($"{source}: a task file is a mapping with 'tasks:' (and optional 'vars:')");
        }
        catch (YamlException e)
        {
            throw new TaskFileException($"{source} line {e.Start.Line}: not valid YAML: {e.Message}", e);
        }

        foreach (YamlNode key in root.Children.Keys)
            if (Text(source, key) is not ("tasks" or "vars" or "variables"))
                throw Error(source, key, $"unknown key '{key}' at the top level (known: tasks, vars)");

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((Child(root, "vars") ?? Child(root, "variables")) is YamlMappingNode vars)
            foreach ((YamlNode k, YamlNode v) in vars.Children)
                variables[Text(source, k)] = Text(source, v);

        if (Child(root, "tasks") is not YamlMappingNode tasksNode)
            throw new TaskFileException($"{source}: no 'tasks:' mapping; e.g. tasks: {{ diskspace: {{ steps: [ {{ run: df -h }} ] }} }}");

        var tasks = new Dictionary<string, TaskDefinition>(StringComparer.Ordinal);
        foreach ((YamlNode nameNode, YamlNode body) in tasksNode.Children)
        {
            string name = Text(source, nameNode);
            tasks[name] = ParseTask(source, name, nameNode, body);
        }
        return new TaskFile(tasks, variables, source);
    }

    private static TaskDefinition ParseTask(string source, string name, YamlNode nameNode, YamlNode body)
    {
        string description = "";
        YamlSequenceNode? stepsNode;
        if (body is YamlSequenceNode bare)
        {
            stepsNode = bare;
        }
        else if (body is YamlMappingNode map)
        {
            foreach (YamlNode key in map.Children.Keys)
                if (Text(source, key) is not ("steps" or "description"))
                    throw Error(source, key, $"unknown key '{key}' in task '{name}' (known: description, steps)");
            description = Child(map, "description") is YamlNode d ? Text(source, d) : "";
            stepsNode = Child(map, "steps") as YamlSequenceNode;
        }
        else
        {
            throw Error(source, nameNode, $"task '{name}' must have 'steps:' (a list)");
        }
        if (stepsNode is null || stepsNode.Children.Count == 0)
            throw Error(source, nameNode, $"task '{name}' has no steps");

        var steps = new List<TaskStep>();
        foreach (YamlNode stepNode in stepsNode.Children)
            steps.Add(ParseStep(source, name, stepNode));
        return new TaskDefinition(name, description, steps);
    }

    private static TaskStep ParseStep(string source, string task, YamlNode node)
    {
        int line = (int)node.Start.Line;
        if (node is YamlScalarNode scalar)
            return new CommandStep(Text(source, scalar)) { Line = line };
        if (node is not YamlMappingNode map)
            throw Error(source, node, $"a step of task '{task}' must be a mapping like 'command: show version'");

        var keys = map.Children.Keys.Select(k => Text(source, k)).ToList();
        foreach ((string key, YamlNode keyNode) in keys.Zip(map.Children.Keys))
            if (!StepKinds.Contains(key) && !Modifiers.Contains(key))
                throw Error(source, keyNode, $"unknown key '{key}' in a step of task '{task}' (steps: {string.Join(", ", StepKinds)}; options: {string.Join(", ", Modifiers)})");
        string kind = StepKinds.FirstOrDefault(keys.Contains)
            ?? throw Error(source, node, $"a step of task '{task}' needs one of: {string.Join(", ", StepKinds)}");

        string? name = Child(map, "name") is YamlNode n ? Text(source, n) : null;
        bool ignoreErrors = Child(map, "ignore_errors") is YamlNode ie && Bool(source, ie, "ignore_errors");
        TimeSpan? timeout = Child(map, "timeout") is YamlNode t ? Seconds(source, t) : null;
        YamlNode value = Child(map, kind)!;

        TaskStep step = kind switch
        {
            "command" => new CommandStep(Text(source, value)) { Expect = Child(map, "expect") is YamlNode e ? Text(source, e) : null, Timeout = timeout },
            "config" => new ConfigStep(Lines(source, value))
            {
                Commit = Child(map, "commit") is YamlNode c && Bool(source, c, "commit"),
                CommitComment = Child(map, "comment") is YamlNode cc ? Text(source, cc) : null,
            },
            "run" => new RunStep(Text(source, value)) { OkExitCodes = ExitCodes(source, map) },
            "sudo" => new RunStep(Text(source, value)) { Sudo = true, OkExitCodes = ExitCodes(source, map) },
            "send" => new SendStep(Text(source, value)),
            "expect" => new ExpectStep(Text(source, value)) { Timeout = timeout },
            "enable" => Bool(source, value, "enable") ? new EnableStep() : throw Error(source, value, "'enable: false' does nothing; remove the step"),
            "commit" => ParseCommit(source, value),
            "save" => Bool(source, value, "save") ? new SaveStep() : throw Error(source, value, "'save: false' does nothing; remove the step"),
            _ => throw new InvalidOperationException(kind),
        };
        return step with { Line = line, Name = name, IgnoreErrors = ignoreErrors };
    }

    private static CommitStep ParseCommit(string source, YamlNode value)
    {
        if (value is YamlScalarNode)
            return Bool(source, value, "commit") ? new CommitStep() : throw Error(source, value, "'commit: false' does nothing; remove the step");
        if (value is not YamlMappingNode map)
            throw Error(source, value, "'commit' is true or { comment: …, confirm: MINUTES }");
        int? confirm = null;
        if (Child(map, "confirm") is YamlNode c)
        {
            string text = Text(source, c);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) || minutes is < 1 or > 65535)
                throw Error(source, c, $"'confirm' is a number of minutes, not '{text}'");
            confirm = minutes;
        }
        return new CommitStep { Comment = Child(map, "comment") is YamlNode cm ? Text(source, cm) : null, ConfirmMinutes = confirm };
    }

    private static IReadOnlyList<string> Lines(string source, YamlNode node) => node switch
    {
        YamlSequenceNode seq when seq.Children.Count > 0 => seq.Children.Select(c => Text(source, c)).ToList(),
        YamlScalarNode s => Text(source, s).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => throw Error(source, node, "'config' is a list of configuration lines"),
    };

    private static IReadOnlyList<int> ExitCodes(string source, YamlMappingNode map)
    {
        if (Child(map, "ok_exit_codes") is not YamlNode node)
            return [0];
        IEnumerable<YamlNode> items = node is YamlSequenceNode seq ? seq.Children : [node];
        return items.Select(i => int.TryParse(Text(source, i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code)
            ? code
            : throw Error(source, i, "'ok_exit_codes' holds whole numbers")).ToList();
    }

    private static bool Bool(string source, YamlNode node, string key) => Text(source, node).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        string other => throw Error(source, node, $"'{key}' must be true or false, not '{other}'"),
    };

    private static TimeSpan Seconds(string source, YamlNode node)
    {
        string text = Text(source, node);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 && s <= 86400
            ? TimeSpan.FromSeconds(s)
            : throw Error(source, node, $"'timeout' is a number of seconds, not '{text}'");
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    private static string Text(string source, YamlNode node) =>
        node is YamlScalarNode { Value: { } v } ? v : throw Error(source, node, "expected a single value here");

    private static TaskFileException Error(string source, YamlNode node, string message) =>
        new($"{source} line {node.Start.Line}: {message}");
}
