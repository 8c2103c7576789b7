namespace Vty.Parsing;

/// <summary>A template folder or its <c>index</c> file cannot be used (missing, unreadable, malformed).</summary>
public sealed class TemplateIndexException : VtyException
{
    /// <summary>Creates the exception with what is wrong and what to do.</summary>
    public TemplateIndexException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
