using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Macs;

/// <summary>
/// HMAC over (uint32 sequence number || data) as RFC 4253 §6.4 defines the SSH MAC, with one
/// reused <see cref="IncrementalHash"/> and optional truncation (the -96 variants).
/// </summary>
internal sealed class SshHmac : IDisposable
{
    private readonly IncrementalHash _hmac;

    public SshHmac(HashAlgorithmName hash, ReadOnlySpan<byte> key, int outputLength)
    {
        _hmac = IncrementalHash.CreateHMAC(hash, key);
        OutputLength = outputLength;
    }

    /// <summary>Bytes of MAC on the wire.</summary>
    public int OutputLength { get; }

    /// <summary>Writes the MAC of (sequence || data) into the first <see cref="OutputLength"/> bytes of <paramref name="destination"/>.</summary>
    public void Compute(uint sequenceNumber, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[64];
        int length = ComputeFull(sequenceNumber, data, full);
        full[..Math.Min(length, OutputLength)].CopyTo(destination);
        CryptographicOperations.ZeroMemory(full);
    }

    /// <summary>True when <paramref name="mac"/> is the MAC of (sequence || data); compared in constant time.</summary>
    public bool Verify(uint sequenceNumber, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        Span<byte> full = stackalloc byte[64];
        ComputeFull(sequenceNumber, data, full);
        bool ok = mac.Length == OutputLength && CryptographicOperations.FixedTimeEquals(full[..OutputLength], mac);
        CryptographicOperations.ZeroMemory(full);
        return ok;
    }

    private int ComputeFull(uint sequenceNumber, ReadOnlySpan<byte> data, Span<byte> full)
    {
        Span<byte> sequence = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sequence, sequenceNumber);
        _hmac.AppendData(sequence);
        _hmac.AppendData(data);
        return _hmac.GetHashAndReset(full);
    }

    public void Dispose() => _hmac.Dispose();
}
