using System.CommandLine;
using System.Globalization;
using Vty.Cli.Output;
using Vty.History;

namespace Vty.Cli.Commands.History;

/// <summary><c>vty history HOST</c>: the stored versions of a host's configuration, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "Host name as stored by vty backup." };
        Option<string?> repo = RepoOption.Create("Configuration repository written by vty backup");
        var json = new Option<bool>("--json") { Description = "One JSON object per version." };
        var command = new Command("history", "List the backed-up versions of a host's configuration (dates and commit ids).") { host };
        command.Options.Add(repo);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            try
            {
                ConfigRepository repository = await ConfigRepository.OpenAsync(RepoOption.Require(parse, repo), create: false, ct);
                string name = parse.GetValue(host)!;
                IReadOnlyList<ConfigRevision> revisions = await repository.HistoryAsync(name, ct);
                if (revisions.Count == 0)
                    throw new ConfigRepositoryException($"no stored configuration for {name} in {repository.Path}; host names are as in the inventory or URL");
                foreach (ConfigRevision r in revisions)
                {
                    if (parse.GetValue(json))
                        await stdout.WriteLineAsync(RevisionJson(r));
                    else
                        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r.ShortCommit}  {r.Date:yyyy-MM-dd HH:mm:ss zzz}  {r.Subject}"));
                }
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return CliError.Report(parse.InvocationConfiguration.Error, e, debug: false);
            }
        });
        return command;
    }

    /// <summary>One revision as a JSON line, written without reflection (the tool is published ahead of time).</summary>
    private static string RevisionJson(ConfigRevision revision)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("commit", revision.Commit);
            writer.WriteString("date", revision.Date);
            writer.WriteString("author", revision.Author);
            writer.WriteString("subject", revision.Subject);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
