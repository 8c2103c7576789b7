namespace Vty;

/// <summary>The transport could not be opened: DNS, TCP, SSH handshake or host-key trouble.</summary>
public class ConnectionFailedException : VtyException
{
    /// <summary>Creates the exception for <paramref name="host"/>.</summary>
    public ConnectionFailedException(string host, int? port, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Host = host;
        Port = port;
    }

    /// <summary>The host we tried to reach.</summary>
    public string Host { get; }

    /// <summary>The port we tried, when known.</summary>
    public int? Port { get; }
}
