namespace Vty.Tasks.Steps;

/// <summary><c>send: "y\n"</c> — sends raw text (escapes \n, \r, \t are understood); usually followed by expect.</summary>
public sealed record SendStep(string Text) : TaskStep;
