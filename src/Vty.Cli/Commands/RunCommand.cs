using System.CommandLine;
using Vty.Fleet;

namespace Vty.Cli.Commands;

/// <summary><c>vty run</c>: runs commands on hosts (URLs or an inventory), in parallel, with a summary.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var options = new RunFleetOptions();
        var commands = new Option<string[]>("--command", "-c")
        {
            Description = "A command to run (repeat for more); runs in order on each host.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var parseOutput = new Option<bool>("--parse")
        {
            Description = "Parse each output with the TextFSM template for the host's platform and the command (ntc-templates compatible).",
        };
        Option<string?> templates = ParseCommand.TemplatesOption();
        var command = new Command("run", "Run commands on one or many hosts over SSH, Telnet or the in-memory lab.");
        options.AddTo(command);
        command.Options.Add(commands);
        command.Options.Add(parseOutput);
        command.Options.Add(templates);
        command.SetAction((parse, ct) => RunFleetExecutor.ExecuteAsync(parse, options, "run",
            async hosts =>
            {
                FleetJobOptions jobOptions = await RunJobOptions.CreateAsync(parse, options, hosts);
                if (parse.GetValue(parseOutput))
                    jobOptions.ParseWith = CreateTemplates(parse.GetValue(templates));
                else if (parse.GetValue(templates) is not null)
                    throw new Output.UsageException("--templates needs --parse", "add --parse to parse the outputs");
                return FleetJobs.Commands(parse.GetValue(commands) ?? [], jobOptions);
            }, ct));
        return command;
    }

    private static Parsing.TemplateLibrary CreateTemplates(string? folder)
    {
        try
        {
            return Parsing.TemplateLibrary.Create(folder);
        }
        catch (Parsing.TemplateIndexException e)
        {
            throw new Output.UsageException(e.Message, "a template folder needs an 'index' file (ntc-templates layout); see docs/user-guide.md");
        }
    }
}
