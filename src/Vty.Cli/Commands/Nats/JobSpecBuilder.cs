using System.CommandLine;
using System.CommandLine.Parsing;
using Vty.Cli.Output;
using Vty.Nats.Contracts;

namespace Vty.Cli.Commands.Nats;

/// <summary>
/// Turns a run, config, task or backup command line into the job spec workers rebuild it from: every
/// option given, except those that only concern the submitter (hosts, inventory, output, NATS, a
/// backup's repository and commit), and the task file's text in place of its path.
/// </summary>
internal static class JobSpecBuilder
{
    private const string TasksOption = "--tasks";

    public static JobSpec Build(ParseResult parse, RunFleetOptions options)
    {
        HashSet<Option> local = [options.Inventory, options.Group, options.OutputDir, options.Json, options.Parallel, options.Debug, .. options.Nats.All, .. options.SubmitterOnly];
        var arguments = new List<string>();
        var positional = new List<string>();
        string? taskFile = null;
        CommandResult command = parse.CommandResult;
        foreach (SymbolResult child in command.Children)
        {
            switch (child)
            {
                case OptionResult { Implicit: false } option when option.Option.Name == TasksOption:
                    taskFile = ReadTaskFile(option.Tokens.Single().Value);
                    break;
                case OptionResult { Implicit: false } option when !local.Contains(option.Option):
                    if (option.Tokens.Count == 0)
                        arguments.Add(option.Option.Name);
                    foreach (Token token in option.Tokens)
                        arguments.Add($"{option.Option.Name}={token.Value}");
                    break;
                case ArgumentResult argument when argument.Argument != options.Urls:
                    positional.AddRange(argument.Tokens.Select(t => t.Value));
                    break;
            }
        }
        if (positional.Count > 0)
            arguments.AddRange(["--", .. positional]);
        double timeout = parse.GetValue(options.Timeout);
        if (!(timeout > 0))
            throw new UsageException($"--timeout must be a positive number of seconds, not {timeout}");
        return new JobSpec
        {
            Command = command.Command.Name,
            Arguments = arguments,
            TaskFile = taskFile,
            TimeoutSeconds = timeout,
            Retries = Math.Max(0, parse.GetValue(options.Retries)),
            Transcripts = parse.GetValue(options.OutputDir) is not null,
        };
    }

    private static string ReadTaskFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read task file '{path}': {e.Message}");
        }
    }
}
