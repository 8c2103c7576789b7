using System.CommandLine;
using Spectre.Console;
using Vty.Cli.Output;
using Vty.Drivers;

namespace Vty.Cli.Commands;

/// <summary><c>vty driver list</c>: every driver with its description, aliases and origin.</summary>
internal static class DriverListCommand
{
    public static Command Create()
    {
        Option<string?> drivers = DriverCatalogOption.Create();
        var command = new Command("list", "List the drivers: built-in ones and those in the user driver folder.");
        command.Options.Add(drivers);
        command.SetAction(parse =>
        {
            DriverCatalog catalog;
            try
            {
                catalog = DriverCatalogOption.Load(parse.GetValue(drivers));
            }
            catch (VtyDriverException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"vty: {e.Message}");
                parse.InvocationConfiguration.Error.WriteLine("hint: fix the driver file; the format is in docs/drivers.md");
                return 2;
            }

            IAnsiConsole console = CliConsole.Create(parse.InvocationConfiguration.Output);
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn("name");
            table.AddColumn("description");
            table.AddColumn("aliases");
            table.AddColumn("source");
            foreach (Driver d in catalog.Drivers)
            {
                table.AddRow(
                    Markup.Escape(d.Name),
                    Markup.Escape(d.Description),
                    Markup.Escape(string.Join(", ", d.Aliases)),
                    Markup.Escape(d.Source.StartsWith("builtin:", StringComparison.Ordinal) ? "built-in" : d.Source));
            }

            console.Write(table);
            console.WriteLine($"{catalog.Drivers.Count} drivers");
            return 0;
        });
        return command;
    }
}
