namespace Vty;

/// <summary>
/// The device refused the credentials we sent (protocol or in-band), or asked for them again.
/// <see cref="DeviceMessage"/> holds what the device answered; no secret is ever part of it.
/// </summary>
public class LoginFailedException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public LoginFailedException(string message, string? deviceMessage = null, string? userName = null, Exception? innerException = null)
        : base(message, innerException)
    {
        DeviceMessage = deviceMessage;
        UserName = userName;
    }

    /// <summary>What the device said in answer to the credentials (e.g. "% Login invalid"), when it said anything.</summary>
    public string? DeviceMessage { get; }

    /// <summary>The account name that was refused, when known.</summary>
    public string? UserName { get; }
}
