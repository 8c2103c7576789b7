using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vty.Parsing;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty parse</c>: parses saved command output (a file, or stdin) with a TextFSM template given
/// directly (<c>--template FILE</c>) or chosen from the template folders by platform and command,
/// and prints the rows as JSON.
/// </summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("INPUT") { Description = "File with the command output; stdin when left out or '-'.", Arity = ArgumentArity.ZeroOrOne };
        var template = new Option<string?>("--template") { Description = "TextFSM template file to parse with.", HelpName = "FILE" };
        var platform = new Option<string?>("--platform") { Description = "ntc platform (cisco_ios, arista_eos, juniper_junos, linux, …): the template comes from the index.", HelpName = "NAME" };
        var commandText = new Option<string?>("--command") { Description = "The command that printed the output, as the index knows it.", HelpName = "TEXT" };
        Option<string?> templates = TemplatesOption();
        var command = new Command("parse", "Parse command output with a TextFSM template (ntc-templates compatible); prints JSON rows.");
        command.Arguments.Add(input);
        foreach (Option option in new Option[] { template, platform, commandText, templates })
            command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            string? templatePath = parse.GetValue(template);
            string? platformName = parse.GetValue(platform);
            string? commandName = parse.GetValue(commandText);
            if (templatePath is null == (platformName is null || commandName is null))
            {
                stderr.WriteLine("vty: give either --template FILE, or --platform NAME and --command TEXT");
                stderr.WriteLine("hint: vty parse --platform cisco_ios --command \"show version\" output.txt");
                return 2;
            }

            try
            {
                string text = await ReadInputAsync(parse.GetValue(input), cancellationToken).ConfigureAwait(false);
                TextFsmTable table = templatePath is not null
                    ? TextFsmTemplate.Load(templatePath).Parse(text, cancellationToken)
                    : TemplateLibrary.Create(parse.GetValue(templates)).Parse(text, platformName!, commandName!, cancellationToken);
                stdout.WriteLine(ToJson(table.ToDictionaries(lowerCaseKeys: true)));
                return 0;
            }
            catch (Exception e) when (e is TextFsmTemplateException or TemplateIndexException)
            {
                stderr.WriteLine($"vty: {e.Message}");
                stderr.WriteLine("hint: the template format is Google TextFSM's (see docs/user-guide.md, Structured output)");
                return 2;
            }
            catch (NoTemplateException e)
            {
                stderr.WriteLine($"vty: {e.Message}");
                return 1;
            }
            catch (TextFsmParseException e)
            {
                stderr.WriteLine($"vty: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vty: {e.Message}");
                stderr.WriteLine("hint: check the path and its permissions");
                return 2;
            }
        });
        return command;
    }

    /// <summary>The <c>--templates DIR</c> option shared with <c>vty run --parse</c>.</summary>
    public static Option<string?> TemplatesOption() => new("--templates")
    {
        Description = "Template folder with an index, searched before NET_TEXTFSM, ~/.config/vty/templates and the built-in set.",
        HelpName = "DIR",
    };

    /// <summary>Rows as one JSON array (device text kept readable: no HTML escaping).</summary>
    public static string ToJson(IEnumerable<IReadOnlyDictionary<string, object>> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true }))
            ParsedJson.WriteRows(json, rows);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static async Task<string> ReadInputAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is not null && path != "-")
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
