namespace Vty.Tasks;

/// <summary>
/// A task file cannot be used: missing, invalid YAML, an unknown step kind or key, an unknown
/// task name, or a <c>{{ variable }}</c> that a host does not define. The message says where.
/// </summary>
public sealed class TaskFileException : VtyException
{
    public TaskFileException(string message) : base(message) { }

    public TaskFileException(string message, Exception inner) : base(message, inner) { }
}
