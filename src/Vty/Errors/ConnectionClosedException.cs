namespace Vty;

/// <summary>
/// The device closed the session (or the transport broke) while Vty was waiting for output.
/// Carries the last text received so the caller can see what the device said before it left.
/// </summary>
public class ConnectionClosedException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public ConnectionClosedException(string message, string receivedTail, Exception? innerException = null)
        : base(message, innerException)
    {
        ReceivedTail = receivedTail;
    }

    /// <summary>The end (about 1 KB) of what was received before the session ended.</summary>
    public string ReceivedTail { get; }
}
