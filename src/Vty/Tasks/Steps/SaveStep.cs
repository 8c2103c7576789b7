namespace Vty.Tasks.Steps;

/// <summary><c>save: true</c> — saves the running configuration (copy run start, write memory, …).</summary>
public sealed record SaveStep : TaskStep;
