namespace Vty;

/// <summary>A Vty wait was cancelled through its <see cref="CancellationToken"/> or by the session.</summary>
public class CancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public CancelledException(string message, CancellationToken token = default, Exception? innerException = null)
        : base(message, innerException, token)
    {
    }
}
