using System;
using System.Runtime.CompilerServices;

namespace ReferenceNN;

public static partial class Elementary
{
    /// <summary>Coefficient of |T| in the error bound of <see cref="LogCore"/> and the small-argument polynomials: 2^−49.</summary>
    internal const double TailError = 1.0 / (1L << 49);

    /// <summary>Coefficient of |h| in the error bound of <see cref="LogCore"/> and the small-argument polynomials: 2^−72.</summary>
    internal const double ResultError = 1.0 / (1L << 62) / (1L << 10);

    /// <summary>
    /// The natural logarithm log(x), correctly rounded to nearest (ties to even) for every double x.
    /// Special values: log(NaN) = NaN, log(x &lt; 0) = NaN (including −∞), log(±0) = −∞, log(+∞) = +∞,
    /// log(1) = +0 (the only exact case). Subnormal inputs are handled. Throws no exception.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The double nearest to log(x).</returns>
    public static double Log(double x)
    {
        if (x > 0 && x < double.PositiveInfinity)
        {
            if (x == 1.0)
            {
                return 0.0;
            }

            return LogFast(x, out double y) ? y : SlowPath.Log(x);
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsNaN(x) || x > 0)
        {
            return x; // NaN propagates; log(+∞) = +∞
        }

        return double.NaN;
    }

    /// <summary>
    /// log(x), correctly rounded to nearest (ties to even) for every float input: the double result rounded
    /// to float, except that a double result exactly halfway between two floats is decided by the exact
    /// value's side (checked over all 2^32 inputs, see docs/Elementary/Log.md). Same special values as
    /// the double overload; throws no exception.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The float nearest to log(x).</returns>
    public static float Log(float x) => SinglePrecision.Round(Log((double)x), ElementaryFunction.Log, x);

    /// <summary>The fast path for a positive finite x ≠ 1: <see cref="LogCore"/> and Ziv's rounding test.</summary>
    internal static bool LogFast(double x, out double result)
    {
        LogCore(x, out double h, out double l, out double err);
        return RoundingTest.TryRound(h, l, err, out result);
    }

    /// <summary>
    /// log(x) = h + l within err, for a positive finite x (subnormal allowed).
    /// <list type="number">
    /// <item>Reduction: x = 2^E'·m with m ∈ [1, 2); i = the top 8 bits of m's fraction. The table gives R, a
    /// multiple of 2^−9 with |m·R − 1| &lt; 2^−8 on the whole interval, so z = m·R − 1 is exact (a multiple of
    /// 2^−61 below 2^−8 fits in 53 bits) and computed by one FMA. For i ≥ 106 (m ≳ √2) the table entry is
    /// shifted by log 2 and E = E' + 1, so that E = 0 exactly when x ∈ [0.707, 1.414): no cancellation.</item>
    /// <item>log(x) = E·log 2 + (−log R − [i ≥ 106]·log 2) + log1p(z), the middle term a double-double from the table.</item>
    /// <item>Polynomial: log1p(z) = z − z²/2 + T with T = z³·(1/3 − z/4 + ... + z⁶/9) (Taylor to degree 9,
    /// truncation ≤ |z|^10/10 ≤ 2^−74.3·|log x|); z² exact by TwoProd.</item>
    /// <item>Reconstruction: the large terms summed exactly into h by FastTwoSum, TwoSum and FastTwoSum; the rest into l.</item>
    /// <item>Bound: err = 2^−49·|T| + 2^−72·|h| (the rounding of T, then everything else).</item>
    /// </list>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void LogCore(double x, out double h, out double l, out double err)
    {
        // Reduction.
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)(bits >> 52) - 1023;
        if (exponent == -1023)
        {
            bits = BitConverter.DoubleToInt64Bits(x * 18446744073709551616.0); // 2^64: normalizes a subnormal
            exponent = (int)(bits >> 52) - 1023 - 64;
        }

        int i = (int)(bits >> 44) & 255;
        double m = BitConverter.Int64BitsToDouble((bits & 0xFFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        double e = exponent + ((i + 256 - Tables.LogSplit) >> 8);
        double[] table = Tables.Log;
        int j = 3 * i;
        double r = table[j], bh = table[j + 1], bl = table[j + 2];
        double z = Math.FusedMultiplyAdd(m, r, -1.0);

        // Polynomial: log1p(z) = z − z²/2 + T.
        DoubleDouble s = DoubleDouble.TwoProd(z, z);
        double t = Log1PTail(z, s.Hi);

        // Reconstruction.
        DoubleDouble a = DoubleDouble.FastTwoSum(e * Tables.Ln2Hi42, bh);
        DoubleDouble b = DoubleDouble.TwoSum(a.Hi, z);
        DoubleDouble c = DoubleDouble.FastTwoSum(b.Hi, -0.5 * s.Hi);
        h = c.Hi;
        l = (t - 0.5 * s.Lo) + ((c.Lo + b.Lo + a.Lo) + Math.FusedMultiplyAdd(e, Tables.Ln2Lo42, bl));
        err = Math.Abs(t) * TailError + Math.Abs(h) * ResultError;
    }

    /// <summary>
    /// T = z³/3 − z⁴/4 + z⁵/5 − z⁶/6 + z⁷/7 − z⁸/8 + z⁹/9 for |z| &lt; 2^−8, given zz = RN(z²), evaluated as
    /// z·zz·P(z) with P in Estrin form; relative error below 2^−50.5 (see docs/Elementary/Log.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Log1PTail(double z, double zz)
    {
        double p01 = Math.FusedMultiplyAdd(z, -0.25, 1.0 / 3);
        double p23 = Math.FusedMultiplyAdd(z, -1.0 / 6, 0.2);
        double p45 = Math.FusedMultiplyAdd(z, -0.125, 1.0 / 7);
        double p = Math.FusedMultiplyAdd(zz * zz, Math.FusedMultiplyAdd(zz, 1.0 / 9, p45), Math.FusedMultiplyAdd(zz, p23, p01));
        return z * zz * p;
    }
}
