using System.CommandLine;
using Spectre.Console;
using Vty.Cli.Output;
using Vty.Fleet;
using Vty.Tasks;

namespace Vty.Cli.Commands;

/// <summary><c>vty task NAME --tasks FILE</c>: runs a named task from a task file on hosts (the fabfile of Vty).</summary>
internal static class TaskCommand
{
    public static Command Create()
    {
        var options = new RunFleetOptions();
        var name = new Argument<string?>("name") { Description = "The task to run; leave it out to list the tasks in the file.", Arity = ArgumentArity.ZeroOrOne };
        var tasksFile = new Option<string>("--tasks", "-f") { Description = "Task YAML file (see docs/user-guide.md, Tasks).", Required = true };
        var command = new Command("task", "Run a named task (commands, config sets, shell commands, expect/send) from a task file on hosts.");
        command.Arguments.Add(name);
        options.AddTo(command);
        command.Options.Add(tasksFile);
        command.SetAction(async (parse, ct) =>
        {
            TaskFile file;
            try
            {
                file = TaskFile.Load(parse.GetValue(tasksFile)!);
            }
            catch (TaskFileException e)
            {
                return CliError.Report(parse.InvocationConfiguration.Error, e, parse.GetValue(options.Debug));
            }
            string? taskName = parse.GetValue(name);
            if (taskName is null)
            {
                ListTasks(CliConsole.Create(parse.InvocationConfiguration.Output), file);
                return 0;
            }
            return await RunFleetExecutor.ExecuteAsync(parse, options, taskName, async hosts =>
            {
                TaskDefinition task = file.Get(taskName);
                FleetJobOptions jobOptions = await RunJobOptions.CreateAsync(parse, options, hosts).ConfigureAwait(false);
                return TaskJob.Create(task, file, jobOptions, openExec: null, configureSsh: RunJobOptions.ConfigureSsh(parse, options));
            }, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static void ListTasks(IAnsiConsole console, TaskFile file)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("task").AddColumn("steps").AddColumn("description");
        foreach (TaskDefinition task in file.Tasks.Values)
            table.AddRow(Markup.Escape(task.Name), task.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(task.Description));
        console.Write(table);
    }
}
