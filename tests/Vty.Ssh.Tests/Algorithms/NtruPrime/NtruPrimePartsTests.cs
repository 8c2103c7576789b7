using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Kem.NtruPrime;
using static Vty.Ssh.Algorithms.Kem.NtruPrime.Sntrup761Parameters;

namespace Vty.Ssh.Tests.Algorithms.NtruPrime;

/// <summary>
/// The parts of our sntrup761 against plain definitions: modular reductions, the sorting network,
/// short polynomials, ring products against a naive product, reciprocals that really invert, the
/// vector and scalar paths against each other, and the encodings' lengths and round trips.
/// </summary>
public class NtruPrimePartsTests
{
    [Fact]
    public void The_machine_running_the_tests_has_avx2_so_the_vector_path_is_the_one_tested_as_default()
    {
        // The vector/scalar comparisons below would compare the scalar path with itself otherwise.
        Assert.True(Avx2.IsSupported, "these tests expect an x86-64 CPU with AVX2");
    }

    [Fact]
    public void FreezeQ_and_Freeze3_give_the_centred_residue()
    {
        var values = new List<int>();
        for (int x = -3 * Q * Q; x <= 3 * Q * Q; x += 997)
            values.Add(x);
        for (int x = -20000; x <= 20000; x++)
            values.Add(x);
        for (int i = 0; i < 20000; i++)
            values.Add(RandomNumberGenerator.GetInt32(-(1 << 29), 1 << 29));
        foreach (int x in values)
        {
            int q = ((x % Q) + Q) % Q;
            Assert.Equal(q > HalfQ ? q - Q : q, ModularArithmetic.FreezeQ(x));
            int three = ((x % 3) + 3) % 3;
            Assert.Equal(three == 2 ? -1 : three, ModularArithmetic.Freeze3(x));
        }
    }

    [Fact]
    public void ReciprocalQ_inverts_every_nonzero_residue()
    {
        for (int a = -HalfQ; a <= HalfQ; a++)
        {
            short inverse = ModularArithmetic.ReciprocalQ((short)a);
            Assert.Equal(a == 0 ? 0 : 1, ModularArithmetic.FreezeQ(a * inverse));
        }
        Assert.Equal(1, ModularArithmetic.FreezeQ(3 * ModularArithmetic.OneThird));
        Assert.Equal(1, (Q * ModularArithmetic.QInverse16) & 0xFFFF);
    }

    [Fact]
    public void Vector_barrett_reduction_keeps_every_16_bit_value_congruent_and_within_2296()
    {
        for (int start = short.MinValue; start <= short.MaxValue; start += 16)
        {
            var input = new short[16];
            for (int i = 0; i < 16; i++)
                input[i] = (short)(start + i);
            Vector256<short> reduced = RingProductAvx2.Reduce(Vector256.Create(input));
            for (int i = 0; i < 16; i++)
            {
                Assert.InRange(reduced[i], -2296, 2296);
                Assert.Equal(ModularArithmetic.FreezeQ(input[i]), ModularArithmetic.FreezeQ(reduced[i]));
            }
        }
    }

    [Fact]
    public void The_portable_128_bit_multiply_high_matches_pmulhw()
    {
        short[] edges = [short.MinValue, -32767, -4591, -2296, -1, 0, 1, 2295, 4591, 32767];
        var a = new short[8];
        var b = new short[8];
        for (int round = 0; round < 20000; round++)
        {
            for (int i = 0; i < 8; i++)
            {
                a[i] = round < 100 ? edges[(round + i) % edges.Length] : (short)RandomNumberGenerator.GetInt32(short.MinValue, short.MaxValue + 1);
                b[i] = round < 100 ? edges[(round / 10 + 3 * i) % edges.Length] : (short)RandomNumberGenerator.GetInt32(short.MinValue, short.MaxValue + 1);
            }
            Vector128<short> va = Vector128.Create(a), vb = Vector128.Create(b);
            Assert.Equal(Sse2.MultiplyHigh(va, vb), Vector128Arithmetic.MultiplyHighPortable(va, vb));
        }
    }

    [Theory]
    [InlineData(nameof(SimdLevel.Avx2))]
    [InlineData(nameof(SimdLevel.Vector128))]
    [InlineData(nameof(SimdLevel.Scalar))]
    public void The_sorting_network_sorts(string path)
    {
        SimdLevel simd = Enum.Parse<SimdLevel>(path);
        foreach (int length in new[] { 1, 2, 7, 8, 9, 100, 761, 1024 })
        {
            for (int round = 0; round < 5; round++)
            {
                uint[] values = new uint[length];
                for (int i = 0; i < length; i++)
                    values[i] = round switch
                    {
                        0 => (uint)RandomNumberGenerator.GetInt32(int.MaxValue) * 2,
                        1 => (uint)RandomNumberGenerator.GetInt32(4), // many duplicates
                        2 => uint.MaxValue - (uint)i,                 // descending, extremes
                        3 => (uint)i,                                 // already sorted
                        _ => i % 2 == 0 ? uint.MaxValue : 0,
                    };
                uint[] expected = (uint[])values.Clone();
                Array.Sort(expected);
                ConstantTimeSort.Sort(values, simd);
                Assert.Equal(expected, values);
            }
        }
        Assert.Throws<ArgumentException>(() => ConstantTimeSort.Sort(new uint[1025], simd));
    }

    [Fact]
    public void Short_polynomials_have_weight_w_and_differ()
    {
        var seen = new HashSet<string>();
        for (int round = 0; round < 20; round++)
        {
            sbyte[] r = new sbyte[P];
            SmallPolynomial.RandomShort(r, (SimdLevel)(round % 3));
            Assert.All(r, c => Assert.InRange(c, -1, 1));
            Assert.Equal(W, r.Count(c => c != 0));
            Assert.Equal(0, SmallPolynomial.WeightMask(r));
            Assert.True(seen.Add(string.Join(",", r)));
        }
        sbyte[] light = new sbyte[P];
        light[0] = 1;
        Assert.Equal(-1, SmallPolynomial.WeightMask(light));
    }

    [Fact]
    public void Small_encoding_round_trips()
    {
        sbyte[] f = new sbyte[P];
        SmallPolynomial.Random(f);
        byte[] encoded = new byte[SmallBytes];
        SmallPolynomial.Encode(f, encoded);
        sbyte[] decoded = new sbyte[P];
        SmallPolynomial.Decode(encoded, decoded);
        Assert.Equal(f, decoded);
    }

    [Theory]
    [InlineData(nameof(SimdLevel.Avx2))]
    [InlineData(nameof(SimdLevel.Vector128))]
    [InlineData(nameof(SimdLevel.Scalar))]
    public void Ring_products_match_the_naive_product(string path)
    {
        SimdLevel simd = Enum.Parse<SimdLevel>(path);
        for (int round = 0; round < 5; round++)
        {
            short[] a = RandomRq();
            sbyte[] b = new sbyte[P];
            SmallPolynomial.Random(b);
            short[] product = new short[P];
            RingProduct.MultiplyRq(a, b, product, simd);
            Assert.Equal(NaiveProduct(a, b, reduce: ModularArithmetic.FreezeQ), product);

            sbyte[] c = new sbyte[P];
            SmallPolynomial.Random(c);
            sbyte[] product3 = new sbyte[P];
            RingProduct.MultiplyR3(c, b, product3, simd);
            Assert.Equal(NaiveProduct(c.Select(x => (short)x).ToArray(), b, reduce: x => ModularArithmetic.Freeze3(x)).Select(x => (sbyte)x), product3);
        }
        // The largest magnitudes: every coefficient of a at -(q-1)/2, b all -1.
        short[] extreme = Enumerable.Repeat((short)-HalfQ, P).ToArray();
        sbyte[] ones = Enumerable.Repeat((sbyte)-1, P).ToArray();
        short[] result = new short[P];
        RingProduct.MultiplyRq(extreme, ones, result, simd);
        Assert.Equal(NaiveProduct(extreme, ones, reduce: ModularArithmetic.FreezeQ), result);
    }

    [Theory]
    [InlineData(nameof(SimdLevel.Avx2))]
    [InlineData(nameof(SimdLevel.Vector128))]
    [InlineData(nameof(SimdLevel.Scalar))]
    public void The_r3_reciprocal_inverts_and_reports_non_invertible_inputs(string path)
    {
        SimdLevel simd = Enum.Parse<SimdLevel>(path);
        for (int round = 0; round < 5; round++)
        {
            sbyte[] g = new sbyte[P];
            sbyte[] inverse = new sbyte[P];
            do
                SmallPolynomial.Random(g);
            while (R3Reciprocal.Compute(g, inverse, simd) != 0);
            sbyte[] product = new sbyte[P];
            RingProduct.MultiplyR3(g, inverse, product, simd);
            Assert.Equal(One<sbyte>(), product);
            sbyte[] other = new sbyte[P];
            Assert.Equal(0, R3Reciprocal.Compute(g, other, Other(simd)));
            Assert.Equal(inverse, other);
        }
        // The zero polynomial has no reciprocal.
        Assert.Equal(-1, R3Reciprocal.Compute(new sbyte[P], new sbyte[P], simd));
    }

    [Theory]
    [InlineData(nameof(SimdLevel.Avx2))]
    [InlineData(nameof(SimdLevel.Vector128))]
    [InlineData(nameof(SimdLevel.Scalar))]
    public void The_rq_reciprocal_of_three_f_inverts(string path)
    {
        SimdLevel simd = Enum.Parse<SimdLevel>(path);
        for (int round = 0; round < 5; round++)
        {
            sbyte[] f = new sbyte[P];
            SmallPolynomial.RandomShort(f, simd);
            short[] inverse = new short[P];
            Assert.Equal(0, RqReciprocal.ComputeOfThreeTimes(f, inverse, simd));
            Assert.All(inverse, c => Assert.InRange(c, -HalfQ, HalfQ));
            short[] product = new short[P];
            RingProduct.MultiplyRq(inverse, f, product, simd);
            for (int i = 0; i < P; i++)
                product[i] = ModularArithmetic.FreezeQ(3 * product[i]);
            Assert.Equal(One<short>(), product);
            short[] other = new short[P];
            RqReciprocal.ComputeOfThreeTimes(f, other, Other(simd));
            Assert.Equal(inverse, other);
        }
        Assert.Equal(-1, RqReciprocal.ComputeOfThreeTimes(new sbyte[P], new short[P], simd));
    }

    [Fact]
    public void Rq_and_rounded_encodings_have_the_specified_lengths_and_round_trip()
    {
        short[] h = RandomRq();
        byte[] encoded = new byte[RqBytes + 8];
        RingEncoding.EncodeRq(h, encoded);
        Assert.All(encoded[RqBytes..], b => Assert.Equal(0, b));
        ushort[] radices = Enumerable.Repeat((ushort)Q, P).ToArray();
        Assert.Equal(RqBytes, RadixCode.Encode(h.Select(x => (ushort)(x + HalfQ)).ToArray(), radices, new byte[RqBytes]));
        short[] decoded = new short[P];
        RingEncoding.DecodeRq(encoded, decoded);
        Assert.Equal(h, decoded);

        short[] rounded = h.Select(x => (short)(x - ModularArithmetic.Freeze3(x))).ToArray();
        Assert.All(rounded, c => Assert.InRange(c, -HalfQ, HalfQ));
        byte[] roundedBytes = new byte[RoundedBytes];
        RingEncoding.EncodeRounded(rounded, roundedBytes);
        ushort[] roundedRadices = Enumerable.Repeat((ushort)((Q + 2) / 3), P).ToArray();
        Assert.Equal(RoundedBytes, RadixCode.Encode(rounded.Select(x => (ushort)((x + HalfQ) / 3)).ToArray(), roundedRadices, new byte[RoundedBytes]));
        short[] roundedBack = new short[P];
        RingEncoding.DecodeRounded(roundedBytes, roundedBack);
        Assert.Equal(rounded, roundedBack);
    }

    [Fact]
    public void Radix_decoding_reduces_arbitrary_bytes_below_every_radix()
    {
        ushort[] radices = Enumerable.Repeat((ushort)Q, P).ToArray();
        ushort[] values = new ushort[P];
        Assert.Equal(RqBytes, RadixCode.Decode(Enumerable.Repeat((byte)0xFF, RqBytes).ToArray(), radices, values));
        Assert.All(values, v => Assert.InRange(v, 0, Q - 1));
    }

    /// <summary>Another level to compare a result with.</summary>
    private static SimdLevel Other(SimdLevel simd) => simd == SimdLevel.Scalar ? SimdLevel.Avx2 : SimdLevel.Scalar;

    private static short[] RandomRq()
    {
        short[] a = new short[P];
        for (int i = 0; i < P; i++)
            a[i] = (short)RandomNumberGenerator.GetInt32(-HalfQ, HalfQ + 1);
        return a;
    }

    private static T[] One<T>() where T : struct, System.Numerics.INumber<T>
    {
        var one = new T[P];
        one[0] = T.One;
        return one;
    }

    /// <summary>The product by definition: long multiplication, then x^k for k >= p replaced using x^p = x + 1, one power at a time.</summary>
    private static short[] NaiveProduct(short[] a, sbyte[] b, Func<int, short> reduce)
    {
        long[] full = new long[2 * P - 1];
        for (int i = 0; i < P; i++)
            for (int j = 0; j < P; j++)
                full[i + j] += a[i] * b[j];
        for (int k = 2 * P - 2; k >= P; k--)
        {
            full[k - P] += full[k];
            full[k - P + 1] += full[k];
            full[k] = 0;
        }
        return full.Take(P).Select(x => reduce(checked((int)x))).ToArray();
    }
}
