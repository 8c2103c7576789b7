namespace Vty.Lab;

/// <summary>
/// A CLI mode of an emulated device and its prompt. The prompt is a template with the
/// placeholders <c>{host}</c>, <c>{user}</c>, <c>{cwd}</c> (Linux working directory, <c>~</c> for home),
/// <c>{arg}</c> (the mode's argument, e.g. the interface name), <c>{path}</c> (Junos edit path with a
/// leading space, empty at the top), <c>{via}</c> (<c>SSH</c> or <c>telnet</c>, as IronWare shows it),
/// <c>{seq}</c> (the number of the next command, as ExtremeXOS counts) and <c>{*}</c> / <c>{* }</c>
/// (a star, or a star and a space, while the running configuration has unsaved changes; SR OS, ExtremeXOS).
/// </summary>
/// <param name="Name">Mode name used by commands (e.g. <c>exec</c>, <c>privileged</c>, <c>config</c>, <c>config-if</c>).</param>
/// <param name="Prompt">Prompt template.</param>
public sealed record LabMode(string Name, string Prompt)
{
    /// <summary>True for configuration modes (config and its sub-modes).</summary>
    public bool IsConfig { get; init; }

    /// <summary>Mode that <c>end</c>/Ctrl-Z returns to from this configuration mode.</summary>
    public string? EndMode { get; init; }

    /// <summary>Whether the prompt shows the unsaved-configuration star (<c>{*}</c>, <c>{* }</c>).</summary>
    public bool ShowsUnsaved => Prompt.Contains("{*", StringComparison.Ordinal);

    /// <summary>Renders the prompt for the given values.</summary>
    public string Render(string host, string user, string cwd, string? arg, string path, string via = "SSH", int seq = 1, bool unsaved = false) =>
        Prompt.Replace("{host}", host, StringComparison.Ordinal)
              .Replace("{user}", user, StringComparison.Ordinal)
              .Replace("{cwd}", cwd, StringComparison.Ordinal)
              .Replace("{arg}", arg ?? "", StringComparison.Ordinal)
              .Replace("{path}", path, StringComparison.Ordinal)
              .Replace("{via}", via, StringComparison.Ordinal)
              .Replace("{seq}", seq.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
              .Replace("{* }", unsaved ? "* " : "", StringComparison.Ordinal)
              .Replace("{*}", unsaved ? "*" : "", StringComparison.Ordinal);
}
