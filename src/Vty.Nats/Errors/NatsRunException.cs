namespace Vty.Nats.Errors;

/// <summary>
/// A distributed run cannot go on: NATS is unreachable or refuses us, a run id is unknown, a host
/// cannot be sent as a job. The message says what happened and what to do.
/// </summary>
public sealed class NatsRunException : VtyException
{
    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    public NatsRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the NATS client's error.</summary>
    public NatsRunException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
