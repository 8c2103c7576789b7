namespace Vty.Ssh.FileTransfer;

/// <summary>What a copy did: the protocol used, the bytes moved and the destination path it wrote.</summary>
public sealed record FileTransferResult(FileTransferProtocol Protocol, long Bytes, string Destination);
