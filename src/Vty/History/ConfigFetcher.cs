using System.Text;
using Vty.Devices;
using Vty.Drivers;

namespace Vty.History;

/// <summary>Reads a device's configuration with its driver's backup recipe.</summary>
public static class ConfigFetcher
{
    /// <summary>
    /// Runs the recipe's commands on <paramref name="device"/> (raising privileges when the recipe
    /// needs it) and returns the cleaned text. Several commands are stored one after another, each
    /// under a <c>### command</c> header.
    /// </summary>
    /// <exception cref="DeviceOperationException">The driver has no recipe, or the device printed no configuration.</exception>
    public static async Task<string> FetchAsync(DeviceSession device, bool keepSecrets, TimeSpan? commandTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        BackupRecipe recipe = device.Driver.Backup
            ?? throw new DeviceOperationException($"driver '{device.Driver.Name}' has no backup recipe; name the platform with --driver, or add a 'backup:' section to a user driver file (docs/drivers.md)");
        if (recipe.NeedsEnable && !device.IsEnabled)
            await device.EnableAsync(cancellationToken).ConfigureAwait(false);
        if (recipe.NeedsEnable && !device.IsEnabled)
            throw new DeviceOperationException($"'{recipe.Commands[0]}' needs privileged mode on {device.Driver.Name} and enable did not reach it; give the enable password (VTY_ENABLE_PASSWORD)");

        var text = new StringBuilder();
        foreach (string command in recipe.Commands)
        {
            string output = await device.SendCommandAsync(command, readTimeout: commandTimeout ?? TimeSpan.FromMinutes(2), cancellationToken: cancellationToken).ConfigureAwait(false);
            string cleaned = ConfigTextCleaner.Clean(output, recipe, keepSecrets);
            if (recipe.Commands.Count > 1)
                text.Append("### ").Append(command).Append('\n');
            text.Append(cleaned);
        }
        if (!text.ToString().Split('\n').Any(l => l.Length > 0 && !l.StartsWith("### ", StringComparison.Ordinal)))
            throw new DeviceOperationException($"'{string.Join("', '", recipe.Commands)}' printed no configuration; the stored copy is kept");
        return text.ToString();
    }
}
