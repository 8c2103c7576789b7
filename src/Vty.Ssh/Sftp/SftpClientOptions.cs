namespace Vty.Ssh.Sftp;

/// <summary>Tuning of an <see cref="SftpClient"/>.</summary>
public sealed class SftpClientOptions
{
    /// <summary>How long one request may wait for its reply (also the wait for the server's version).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Read/write requests a transfer or stream keeps in flight; more hides more round trips.</summary>
    public int MaxRequestsInFlight { get; set; } = 64;

    /// <summary>Bytes per read/write request, capped by the server's limits@openssh.com (32 KiB without it).</summary>
    public int ChunkSize { get; set; } = 64 * 1024;

    /// <summary>The largest reply packet accepted (bounds memory per reply).</summary>
    public int MaxPacketLength { get; set; } = 512 * 1024;

    internal void Validate()
    {
        if (OperationTimeout <= TimeSpan.Zero) throw new ArgumentException("SftpClientOptions.OperationTimeout must be positive");
        if (MaxRequestsInFlight is < 1 or > 1024) throw new ArgumentException("SftpClientOptions.MaxRequestsInFlight must be between 1 and 1024");
        if (ChunkSize is < 1024 or > 256 * 1024) throw new ArgumentException("SftpClientOptions.ChunkSize must be between 1 KiB and 256 KiB");
        if (MaxPacketLength < ChunkSize + 1024) throw new ArgumentException("SftpClientOptions.MaxPacketLength must exceed ChunkSize by at least 1 KiB");
    }
}
