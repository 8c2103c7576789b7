namespace Vty;

/// <summary>Base of every error Vty raises about a device, a session or its input.</summary>
public class VtyException : Exception
{
    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    public VtyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the lower-level cause.</summary>
    public VtyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
