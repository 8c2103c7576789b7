using System.CommandLine;
using Vty.Drivers;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>--drivers DIR</c>: a folder of user driver YAML files added to the built-ins. Without it,
/// <c>~/.config/vty/drivers</c> (or <c>$XDG_CONFIG_HOME/vty/drivers</c>) is used when it exists.
/// </summary>
internal static class DriverCatalogOption
{
    public static Option<string?> Create() => new("--drivers")
    {
        Description = "Folder of user driver definitions (*.yaml); default ~/.config/vty/drivers when it exists.",
        HelpName = "DIR",
    };

    public static string DefaultDirectory
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            string config = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config")
                : xdg;
            return Path.Combine(config, "vty", "drivers");
        }
    }

    /// <summary>The built-in catalogue plus the user folder (explicit, or the default when present).</summary>
    public static DriverCatalog Load(string? directory)
    {
        if (directory is not null)
            return DriverCatalog.Builtin.LoadDirectory(directory);
        string fallback = DefaultDirectory;
        return Directory.Exists(fallback) ? DriverCatalog.Builtin.LoadDirectory(fallback) : DriverCatalog.Builtin;
    }
}
