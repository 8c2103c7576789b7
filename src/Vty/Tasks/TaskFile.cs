namespace Vty.Tasks;

/// <summary>
/// A task file (the fabfile of Vty): named tasks of steps, plus default variables. See
/// docs/user-guide.md for the format.
/// </summary>
public sealed class TaskFile
{
    internal TaskFile(IReadOnlyDictionary<string, TaskDefinition> tasks, IReadOnlyDictionary<string, string> variables, string source)
    {
        Tasks = tasks;
        Variables = variables;
        Source = source;
    }

    /// <summary>The tasks by name, in file order.</summary>
    public IReadOnlyDictionary<string, TaskDefinition> Tasks { get; }

    /// <summary>Default variables (the inventory's host variables override them).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The file name (or label) it was read from.</summary>
    public string Source { get; }

    /// <summary>Reads a task file.</summary>
    /// <exception cref="TaskFileException">Missing or invalid; the message says where.</exception>
    public static TaskFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TaskFileException($"cannot read task file '{path}': {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses task YAML; <paramref name="source"/> names it in errors.</summary>
    public static TaskFile Parse(string yaml, string source = "tasks") => TaskFileParser.Parse(yaml, source);

    /// <summary>The task called <paramref name="name"/>.</summary>
    /// <exception cref="TaskFileException">No such task; the message lists the ones there are.</exception>
    public TaskDefinition Get(string name) =>
        Tasks.TryGetValue(name, out TaskDefinition? task)
            ? task
            : throw new TaskFileException($"no task named '{name}' in {Source} (tasks: {string.Join(", ", Tasks.Keys)})");
}
