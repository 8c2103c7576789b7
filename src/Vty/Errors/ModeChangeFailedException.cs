namespace Vty;

/// <summary>
/// The session could not reach a mode of the driver's mode graph: the driver has no such mode or
/// no way there, the prompt matched none of its modes, or a step ended at another prompt. The
/// message names the driver, the modes and what the device said.
/// </summary>
public class ModeChangeFailedException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public ModeChangeFailedException(string message, string? deviceMessage = null, Exception? innerException = null)
        : base(message, innerException)
    {
        DeviceMessage = deviceMessage;
    }

    /// <summary>What the device printed in answer to the step, when anything.</summary>
    public string? DeviceMessage { get; }
}
