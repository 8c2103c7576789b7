namespace Vty.History;

/// <summary>The configuration repository (git) could not do what was asked; the message says what and what to do.</summary>
public sealed class ConfigRepositoryException : VtyException
{
    public ConfigRepositoryException(string message)
        : base(message)
    {
    }

    public ConfigRepositoryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
