namespace Vty.Devices;

/// <summary>
/// The device refused one or more lines of a configuration set; each line's answer is in the
/// results. The message names the first refused line and what became of the change.
/// </summary>
public sealed class ConfigRejectedException(string message, Exception? innerException = null)
    : DeviceOperationException(message, innerException)
{
    /// <summary>The message for <paramref name="rejected"/> of <paramref name="total"/> lines refused, naming the first.</summary>
    public static string Describe(int rejected, int total, string firstLine, string? firstError) =>
        $"{rejected} of {total} configuration lines were rejected; first: '{firstLine}': {firstError}";
}
