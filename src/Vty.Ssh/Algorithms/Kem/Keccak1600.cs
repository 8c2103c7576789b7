using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// The Keccak-f[1600] permutation and sponge of FIPS 202, for ML-KEM's SHA3-256, SHA3-512,
/// SHAKE128 and SHAKE256 where .NET has no SHA-3 (macOS, older Windows). It runs on the stack
/// (BouncyCastle's digests allocated a state per call, about 26 KB per key exchange) and is
/// compiled fully optimised at once. Lane (x, y) is state[x + 5y], bytes little-endian, as FIPS 202
/// orders them.
/// </summary>
internal static class Keccak1600
{
    private const int Lanes = 25;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
        0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ];

    /// <summary>
    /// Absorbs <paramref name="source"/> with the domain bits <paramref name="domain"/> (0x06 for
    /// SHA-3, 0x1F for SHAKE) and squeezes <paramref name="destination"/>'s length, at
    /// <paramref name="rate"/> bytes per block.
    /// </summary>
    public static void Sponge(ReadOnlySpan<byte> source, Span<byte> destination, int rate, byte domain)
    {
        Span<ulong> state = stackalloc ulong[Lanes];
        state.Clear();
        Span<byte> block = stackalloc byte[200];
        while (source.Length >= rate)
        {
            XorBlock(state, source[..rate]);
            Permute(state);
            source = source[rate..];
        }
        // The last, partial block with pad10*1: the domain bits after the data, a 1 bit at the rate's end.
        block.Clear();
        source.CopyTo(block);
        block[source.Length] ^= domain;
        block[rate - 1] ^= 0x80;
        XorBlock(state, block[..rate]);
        while (true)
        {
            Permute(state);
            int n = Math.Min(rate, destination.Length);
            for (int lane = 0; lane * 8 < n; lane++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(block.Slice(lane * 8, 8), state[lane]);
            }
            block[..n].CopyTo(destination);
            destination = destination[n..];
            if (destination.IsEmpty)
                break;
        }
        block.Clear();
        state.Clear();
    }

    private static void XorBlock(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (int lane = 0; lane < block.Length / 8; lane++)
            state[lane] ^= BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(lane * 8, 8));
    }

    /// <summary>Keccak-f[1600]: 24 rounds of θ, ρ, π, χ, ι over the 25 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Permute(Span<ulong> state)
    {
        state = state[..Lanes];
        ReadOnlySpan<ulong> roundConstants = RoundConstants;
        ulong a00 = state[0], a10 = state[1], a20 = state[2], a30 = state[3], a40 = state[4];
        ulong a01 = state[5], a11 = state[6], a21 = state[7], a31 = state[8], a41 = state[9];
        ulong a02 = state[10], a12 = state[11], a22 = state[12], a32 = state[13], a42 = state[14];
        ulong a03 = state[15], a13 = state[16], a23 = state[17], a33 = state[18], a43 = state[19];
        ulong a04 = state[20], a14 = state[21], a24 = state[22], a34 = state[23], a44 = state[24];
        for (int round = 0; round < 24; round++)
        {
            // θ: each column's parity folded into its neighbours.
            ulong c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
            ulong c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
            ulong c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
            ulong c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
            ulong c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
            ulong d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
            ulong d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
            ulong d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
            ulong d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
            ulong d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
            a00 ^= d0; a01 ^= d0; a02 ^= d0; a03 ^= d0; a04 ^= d0;
            a10 ^= d1; a11 ^= d1; a12 ^= d1; a13 ^= d1; a14 ^= d1;
            a20 ^= d2; a21 ^= d2; a22 ^= d2; a23 ^= d2; a24 ^= d2;
            a30 ^= d3; a31 ^= d3; a32 ^= d3; a33 ^= d3; a34 ^= d3;
            a40 ^= d4; a41 ^= d4; a42 ^= d4; a43 ^= d4; a44 ^= d4;
            // ρ and π: rotate each lane and move lane (x, y) to (y, 2x + 3y).
            ulong b00 = a00;
            ulong b01 = BitOperations.RotateLeft(a30, 28);
            ulong b02 = BitOperations.RotateLeft(a10, 1);
            ulong b03 = BitOperations.RotateLeft(a40, 27);
            ulong b04 = BitOperations.RotateLeft(a20, 62);
            ulong b10 = BitOperations.RotateLeft(a11, 44);
            ulong b11 = BitOperations.RotateLeft(a41, 20);
            ulong b12 = BitOperations.RotateLeft(a21, 6);
            ulong b13 = BitOperations.RotateLeft(a01, 36);
            ulong b14 = BitOperations.RotateLeft(a31, 55);
            ulong b20 = BitOperations.RotateLeft(a22, 43);
            ulong b21 = BitOperations.RotateLeft(a02, 3);
            ulong b22 = BitOperations.RotateLeft(a32, 25);
            ulong b23 = BitOperations.RotateLeft(a12, 10);
            ulong b24 = BitOperations.RotateLeft(a42, 39);
            ulong b30 = BitOperations.RotateLeft(a33, 21);
            ulong b31 = BitOperations.RotateLeft(a13, 45);
            ulong b32 = BitOperations.RotateLeft(a43, 8);
            ulong b33 = BitOperations.RotateLeft(a23, 15);
            ulong b34 = BitOperations.RotateLeft(a03, 41);
            ulong b40 = BitOperations.RotateLeft(a44, 14);
            ulong b41 = BitOperations.RotateLeft(a24, 61);
            ulong b42 = BitOperations.RotateLeft(a04, 18);
            ulong b43 = BitOperations.RotateLeft(a34, 56);
            ulong b44 = BitOperations.RotateLeft(a14, 2);
            // χ: the only non-linear step, along rows; ι: the round constant into lane (0, 0).
            a00 = b00 ^ (~b10 & b20);
            a01 = b01 ^ (~b11 & b21);
            a02 = b02 ^ (~b12 & b22);
            a03 = b03 ^ (~b13 & b23);
            a04 = b04 ^ (~b14 & b24);
            a10 = b10 ^ (~b20 & b30);
            a11 = b11 ^ (~b21 & b31);
            a12 = b12 ^ (~b22 & b32);
            a13 = b13 ^ (~b23 & b33);
            a14 = b14 ^ (~b24 & b34);
            a20 = b20 ^ (~b30 & b40);
            a21 = b21 ^ (~b31 & b41);
            a22 = b22 ^ (~b32 & b42);
            a23 = b23 ^ (~b33 & b43);
            a24 = b24 ^ (~b34 & b44);
            a30 = b30 ^ (~b40 & b00);
            a31 = b31 ^ (~b41 & b01);
            a32 = b32 ^ (~b42 & b02);
            a33 = b33 ^ (~b43 & b03);
            a34 = b34 ^ (~b44 & b04);
            a40 = b40 ^ (~b00 & b10);
            a41 = b41 ^ (~b01 & b11);
            a42 = b42 ^ (~b02 & b12);
            a43 = b43 ^ (~b03 & b13);
            a44 = b44 ^ (~b04 & b14);
            a00 ^= roundConstants[round];
        }
        state[0] = a00; state[1] = a10; state[2] = a20; state[3] = a30; state[4] = a40;
        state[5] = a01; state[6] = a11; state[7] = a21; state[8] = a31; state[9] = a41;
        state[10] = a02; state[11] = a12; state[12] = a22; state[13] = a32; state[14] = a42;
        state[15] = a03; state[16] = a13; state[17] = a23; state[18] = a33; state[19] = a43;
        state[20] = a04; state[21] = a14; state[22] = a24; state[23] = a34; state[24] = a44;
    }
}
