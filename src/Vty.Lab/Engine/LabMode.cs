namespace Vty.Lab;

/// <summary>
/// A CLI mode of an emulated device and its prompt. The prompt is a template with the
/// placeholders <c>{host}</c>, <c>{user}</c>, <c>{cwd}</c> (Linux working directory, <c>~</c> for home),
/// <c>{arg}</c> (the mode's argument, e.g. the interface name) and <c>{path}</c> (Junos edit path with a
/// leading space, empty at the top).
/// </summary>
/// <param name="Name">Mode name used by commands (e.g. <c>exec</c>, <c>privileged</c>, <c>config</c>, <c>config-if</c>).</param>
/// <param name="Prompt">Prompt template.</param>
public sealed record LabMode(string Name, string Prompt)
{
    /// <summary>True for configuration modes (config and its sub-modes).</summary>
    public bool IsConfig { get; init; }

    /// <summary>Mode that <c>end</c>/Ctrl-Z returns to from this configuration mode.</summary>
    public string? EndMode { get; init; }

    /// <summary>Renders the prompt for the given values.</summary>
    public string Render(string host, string user, string cwd, string? arg, string path) =>
        Prompt.Replace("{host}", host, StringComparison.Ordinal)
              .Replace("{user}", user, StringComparison.Ordinal)
              .Replace("{cwd}", cwd, StringComparison.Ordinal)
              .Replace("{arg}", arg ?? "", StringComparison.Ordinal)
              .Replace("{path}", path, StringComparison.Ordinal);
}
