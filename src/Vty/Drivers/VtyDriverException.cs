namespace Vty.Drivers;

/// <summary>Base of the errors raised by the driver catalogue (unknown driver, invalid definition).</summary>
public class VtyDriverException : VtyException
{
    public VtyDriverException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
