using Vty.Ssh.Wire;

namespace Vty.Ssh.Keys.Types;

/// <summary>Converts ECDSA and DSA signatures between SSH's form (mpint r, mpint s) and IEEE P1363 (r||s, fixed size).</summary>
internal static class EcdsaSignature
{
    public static byte[] ToSsh(ReadOnlySpan<byte> p1363)
    {
        int half = p1363.Length / 2;
        using var writer = new SshWriter(p1363.Length + 16);
        writer.WriteMPInt(p1363[..half]);
        writer.WriteMPInt(p1363[half..]);
        return writer.ToArray();
    }

    /// <summary>Null when the SSH signature is malformed or its numbers do not fit the curve.</summary>
    public static byte[]? ToP1363(ReadOnlySpan<byte> ssh, int coordinateLength)
    {
        try
        {
            var reader = new SshReader(ssh);
            ReadOnlySpan<byte> r = reader.ReadMPIntMagnitude();
            ReadOnlySpan<byte> s = reader.ReadMPIntMagnitude();
            if (!reader.AtEnd || r.Length > coordinateLength || s.Length > coordinateLength) return null;
            byte[] result = new byte[2 * coordinateLength];
            r.CopyTo(result.AsSpan(coordinateLength - r.Length));
            s.CopyTo(result.AsSpan(2 * coordinateLength - s.Length));
            return result;
        }
        catch (SshWireFormatException)
        {
            return null;
        }
    }
}
