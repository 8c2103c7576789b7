namespace Vty.Tasks.Steps;

/// <summary>One step of a task. Text fields may hold <c>{{ variable }}</c> placeholders, filled per host.</summary>
public abstract record TaskStep
{
    /// <summary>Line of the step in the task file (for error messages).</summary>
    public int Line { get; init; }

    /// <summary>When true, a failing step is recorded and the task goes on.</summary>
    public bool IgnoreErrors { get; init; }

    /// <summary>Label under which the step's output is reported; default: the step's own text.</summary>
    public string? Name { get; init; }
}
