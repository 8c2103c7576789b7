using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Vty.Ssh.Algorithms.Packets;

/// <summary>
/// BouncyCastle's original (64-bit nonce, 64-bit counter) ChaCha20 keyed once; each packet only
/// swaps the nonce and restarts at block 0, without the allocations of a fresh Init.
/// </summary>
internal sealed class ReusableChaChaEngine : ChaChaEngine
{
    public ReusableChaChaEngine(byte[] key) : base(20)
    {
        Init(true, new ParametersWithIV(new KeyParameter(key), new byte[8]));
    }

    /// <summary>Sets an 8-byte nonce and rewinds the block counter to 0.</summary>
    public void Restart(byte[] nonce)
    {
        SetKey(null, nonce);
        Reset();
    }
}
