using Vty.Parsing;

namespace Vty.Devices;

public sealed partial class DeviceSession
{
    /// <summary>
    /// Runs a command and parses its output with the TextFSM template the template folders name
    /// for the driver's ntc platform and this command (Netmiko's <c>use_textfsm=True</c>). Rows map
    /// lower-case column names to a string, or a list for List values.
    /// </summary>
    /// <param name="command">The command, as the template index knows it (abbreviations work when the index allows them).</param>
    /// <param name="templates">Template folders to search; default <see cref="TemplateLibrary.Default"/>.</param>
    /// <param name="readTimeout">How long to wait for the prompt.</param>
    /// <param name="cancellationToken">Cancels the wait and the parse.</param>
    /// <exception cref="NoTemplateException">No template for this platform and command, or the driver names no ntc platform.</exception>
    /// <exception cref="TextFsmParseException">The template raised Error on this output.</exception>
    /// <exception cref="CommandErrorException">The device rejected the command.</exception>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object>>> SendCommandParsedAsync(
        string command, TemplateLibrary? templates = null, TimeSpan? readTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        templates ??= TemplateLibrary.Default;
        string platform = RequireNtcPlatform(command, templates);
        // Look the template up first: no point waiting for output nobody can parse.
        if (templates.Find(platform, command) is null)
            throw new NoTemplateException(platform, command, templates.Tables.Select(t => t.Folder).ToArray());
        string output = await SendCommandAsync(command, readTimeout: readTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return templates.ParseRows(output, platform, command, cancellationToken);
    }

    /// <summary>Parses output already received for <paramref name="command"/> with this session's platform templates.</summary>
    /// <exception cref="NoTemplateException">No template for this platform and command, or the driver names no ntc platform.</exception>
    /// <exception cref="TextFsmParseException">The template raised Error on this output.</exception>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> ParseOutput(string command, string output, TemplateLibrary? templates = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        templates ??= TemplateLibrary.Default;
        return templates.ParseRows(output, RequireNtcPlatform(command, templates), command, cancellationToken);
    }

    private string RequireNtcPlatform(string command, TemplateLibrary templates) =>
        Driver.NtcPlatform ?? throw new NoTemplateException(
            $"driver '{Driver.Name}' names no ntc platform, so no TextFSM template can be chosen for '{command}'; set 'ntc_platform:' in the driver (docs/drivers.md) or parse with a template file",
            "", command, templates.Tables.Select(t => t.Folder).ToArray());
}
