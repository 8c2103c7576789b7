namespace Vty.Tasks.Steps;

/// <summary><c>enable: true</c> — enters privileged mode (answering the enable password prompt).</summary>
public sealed record EnableStep : TaskStep;
