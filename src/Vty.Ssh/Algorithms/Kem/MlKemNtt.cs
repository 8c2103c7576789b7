using System.Runtime.CompilerServices;

namespace Vty.Ssh.Algorithms.Kem;

/// <summary>
/// The number-theoretic transform of FIPS 203 (§4.3) on polynomials of 256 coefficients modulo
/// q = 3329 (ζ = 17, seven layers), and multiplication in the NTT domain (128 degree-one products).
/// Twiddle factors are kept in Montgomery form so each butterfly costs one Montgomery product.
/// </summary>
internal static class MlKemNtt
{
    public const int Degree = 256;

    // ζ^BitRev7(i) for i = 0..127, Montgomery form: the forward transform walks it up, the inverse down.
    private static readonly short[] Zetas = BuildZetas(static i => BitReverse7(i));

    // ζ^(2·BitRev7(i)+1) for the 128 degree-one products, Montgomery form.
    private static readonly short[] Gammas = BuildZetas(static i => 2 * BitReverse7(i) + 1);

    // 128^-1 · 2^32 mod q: the inverse transform's final scaling by 1/128, which also multiplies by
    // 2^16 to cancel the 2^-16 that the NTT-domain product leaves in its output.
    private const short InverseScale = 1441;

    /// <summary>In place, coefficients |f| &lt; q in, |f| ≤ q/2 out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(Span<short> f)
    {
        f = f[..Degree];
        ReadOnlySpan<short> zetas = Zetas;
        int k = 1;
        for (int length = 128; length >= 2; length >>= 1)
        {
            for (int start = 0; start < Degree; start += 2 * length)
            {
                short zeta = zetas[k++];
                Span<short> low = f.Slice(start, length), high = f.Slice(start + length, length);
                for (int j = 0; j < low.Length; j++)
                {
                    // Each layer grows |f| by less than q; after seven it stays under 8q < 2^15.
                    short t = MlKemField.MultiplyMontgomery(zeta, high[j]);
                    high[j] = (short)(low[j] - t);
                    low[j] = (short)(low[j] + t);
                }
            }
        }
        for (int j = 0; j < Degree; j++)
            f[j] = MlKemField.Reduce(f[j]);
    }

    /// <summary>
    /// In place, the inverse of <see cref="Forward"/> applied to a product from
    /// <see cref="MultiplyAccumulate"/> (it also removes that product's 2^-16). |f| ≤ q/2 in, |f| &lt; q out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Inverse(Span<short> f)
    {
        f = f[..Degree];
        ReadOnlySpan<short> zetas = Zetas;
        int k = 127;
        for (int length = 2; length <= 128; length <<= 1)
        {
            for (int start = 0; start < Degree; start += 2 * length)
            {
                short zeta = zetas[k--];
                Span<short> low = f.Slice(start, length), high = f.Slice(start + length, length);
                for (int j = 0; j < low.Length; j++)
                {
                    short t = low[j];
                    low[j] = MlKemField.Reduce(t + high[j]);
                    high[j] = MlKemField.MultiplyMontgomery(zeta, (short)(high[j] - t));
                }
            }
        }
        for (int j = 0; j < Degree; j++)
            f[j] = MlKemField.MultiplyMontgomery(f[j], InverseScale);
    }

    /// <summary>
    /// accumulator += a ∘ b in the NTT domain, times 2^-16 (Montgomery). Inputs |a|, |b| &lt; q; each call
    /// adds less than 2q to |accumulator|, so three calls on a cleared accumulator stay in 16 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAccumulate(ReadOnlySpan<short> a, ReadOnlySpan<short> b, Span<short> accumulator)
    {
        a = a[..Degree];
        b = b[..Degree];
        accumulator = accumulator[..Degree];
        ReadOnlySpan<short> gammas = Gammas;
        for (int i = 0; i < 128; i++)
        {
            short a0 = a[2 * i], a1 = a[2 * i + 1], b0 = b[2 * i], b1 = b[2 * i + 1];
            short even = (short)(MlKemField.MultiplyMontgomery(MlKemField.MultiplyMontgomery(a1, b1), gammas[i]) + MlKemField.MultiplyMontgomery(a0, b0));
            short odd = (short)(MlKemField.MultiplyMontgomery(a0, b1) + MlKemField.MultiplyMontgomery(a1, b0));
            accumulator[2 * i] += even;
            accumulator[2 * i + 1] += odd;
        }
    }

    private static int BitReverse7(int value)
    {
        int result = 0;
        for (int bit = 0; bit < 7; bit++)
            result |= ((value >> bit) & 1) << (6 - bit);
        return result;
    }

    private static short[] BuildZetas(Func<int, int> exponent)
    {
        var table = new short[128];
        for (int i = 0; i < table.Length; i++)
            table[i] = MlKemField.ToMontgomeryCentred(MlKemField.Power(17, exponent(i)));
        return table;
    }
}
