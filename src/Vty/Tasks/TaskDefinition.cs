using Vty.Tasks.Steps;

namespace Vty.Tasks;

/// <summary>A named task: its steps in order, run on each host of the inventory.</summary>
public sealed record TaskDefinition(string Name, string Description, IReadOnlyList<TaskStep> Steps)
{
    /// <summary>True when any step needs an interactive session (not only SSH exec).</summary>
    public bool NeedsSession => Steps.Any(s => s is not RunStep);

    /// <summary>True when any step runs a shell command over SSH exec.</summary>
    public bool NeedsExec => Steps.Any(s => s is RunStep);
}
