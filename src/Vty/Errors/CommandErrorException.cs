using Vty.Protocols;

namespace Vty;

/// <summary>
/// A command ran but the device answered with an error (its output matched one of the driver's
/// error patterns, e.g. IOS "% Invalid input detected at '^' marker."). The full result is kept.
/// </summary>
public class CommandErrorException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public CommandErrorException(string command, string deviceMessage, CommandResult result)
        : base($"The device rejected the command '{command}': {deviceMessage}")
    {
        Command = command;
        DeviceMessage = deviceMessage;
        Result = result;
    }

    /// <summary>The command that was sent.</summary>
    public string Command { get; }

    /// <summary>The device's own error line(s).</summary>
    public string DeviceMessage { get; }

    /// <summary>Everything that came back for the command, including the prompt.</summary>
    public CommandResult Result { get; }
}
