namespace Vty;

/// <summary>A host URL could not be parsed. The message names the part that is wrong.</summary>
public sealed class HostUrlFormatException : VtyException
{
    /// <summary>Creates the exception.</summary>
    public HostUrlFormatException(string message)
        : base(message)
    {
    }
}
