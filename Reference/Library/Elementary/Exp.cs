using System;
using System.Runtime.CompilerServices;

namespace ReferenceNN;

public static partial class Elementary
{
    /// <summary>Relative error bound of <see cref="ExpCore"/>: 2^−77 (the derivation gives 2^−78.4).</summary>
    internal const double ExpCoreError = 1.0 / (1L << 62) / (1L << 15);

    /// <summary>
    /// e^x, correctly rounded to nearest (ties to even) for every double x.
    /// Special values: exp(NaN) = NaN, exp(+∞) = +∞, exp(−∞) = +0, exp(±0) = 1; the result is +∞ exactly when
    /// the correctly rounded value would exceed <see cref="double.MaxValue"/> (x &gt; 709.78...), and small
    /// results underflow gradually: subnormal results are correctly rounded and e^x &lt; 2^−1075 gives +0.
    /// Throws no exception.
    /// </summary>
    /// <param name="x">The exponent.</param>
    /// <returns>The double nearest to e^x.</returns>
    public static double Exp(double x)
    {
        if (x > -746.0 && x < 710.0)
        {
            if (Math.Abs(x) < 1.0 / (1L << 54))
            {
                return 1.0; // 1 − 2^−54 < e^x < 1 + 2^−53: both neighbours' midpoints are out of reach
            }

            return ExpFast(x, out double y) ? y : SlowPath.Exp(x);
        }

        if (double.IsNaN(x))
        {
            return x;
        }

        return x > 0 ? double.PositiveInfinity : 0.0; // e^710 > 2^1024; e^−746 < 2^−1076
    }

    /// <summary>
    /// e^x, correctly rounded to nearest (ties to even) for every float input: the double result rounded
    /// to float, except that a double result exactly halfway between two floats is decided by the exact
    /// value's side (checked over all 2^32 inputs, see docs/Elementary/Exp.md). Same special values as
    /// the double overload; throws no exception.
    /// </summary>
    /// <param name="x">The exponent.</param>
    /// <returns>The float nearest to e^x.</returns>
    public static float Exp(float x) => SinglePrecision.Round(Exp((double)x), ElementaryFunction.Exp, x);

    /// <summary>
    /// The fast path for −746 &lt; x &lt; 710, |x| ≥ 2^−54: <see cref="ExpCore"/> and Ziv's rounding test on the
    /// scaled result. Returns false when the test cannot decide the rounding.
    /// </summary>
    internal static bool ExpFast(double x, out double result)
    {
        ExpCore(x, out int e, out double h, out double l);
        return RoundingTest.TryRoundScaled(h, l, h * ExpCoreError, e, out result);
    }

    /// <summary>
    /// e^x = 2^e·(h + l)·(1 + ε) with |ε| ≤ 2^−78.4, h ∈ [1 − 2^−13, 2 − 2^−14), |l| ≤ 2^−50, for |x| &lt; 746.
    /// <list type="number">
    /// <item>Reduction: k = round(x·4096/log 2), y = x − k·log(2)/4096 = yh + yl, |y| ≤ 2^−13.53; yh is exact
    /// (a multiple of 2^−66 below 2^−13) and yl = −k·Ln2Over4096Lo carries the rest to within 2^−96.</item>
    /// <item>Tables: 2^(k/4096) = 2^e·T with e = ⌊k/4096⌋ and T = 2^(i1/64)·2^(i2/4096), i1 and i2 the two
    /// 6-bit digits of k mod 4096, each a double-double; their product is a double-double (th, tl).</item>
    /// <item>Polynomial: e^yh − 1 − yh ≈ q = yh²·(1/2 + yh/6 + yh²/24 + yh³/120) (Taylor, truncation
    /// ≤ 2^−90.7, rounding ≤ 2^−79.5), and e^y − 1 = yh + lo with lo = q + yl·(1 + yh + q).</item>
    /// <item>Reconstruction: T·(1 + yh + lo) = th + th·yh + th·lo + tl·(1 + yh), summed exactly into h by
    /// TwoProd and two FastTwoSums, the small terms into l.</item>
    /// </list>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ExpCore(double x, out int e, out double h, out double l)
    {
        // Reduction.
        double kd = Math.Round(x * Tables.InvLn2Times4096);
        double yh = Math.FusedMultiplyAdd(kd, -Tables.Ln2Over4096Hi, x);
        double yl = kd * -Tables.Ln2Over4096Lo;
        long k = (long)kd;
        e = (int)(k >> 12);

        // Tables: T = 2^(i1/64)·2^(i2/4096).
        int i1 = 2 * ((int)(k >> 6) & 63), i2 = 2 * ((int)k & 63);
        double[] coarse = Tables.ExpCoarse, fine = Tables.ExpFine;
        double c0 = coarse[i1], c1 = coarse[i1 + 1], f0 = fine[i2], f1 = fine[i2 + 1];
        DoubleDouble t = DoubleDouble.TwoProd(c0, f0);
        double tl = t.Lo + (c0 * f1 + c1 * f0);

        // Polynomial: e^(yh + yl) − 1 = yh + lo.
        double q = yh * yh * (0.5 + yh * (1.0 / 6 + yh * (1.0 / 24 + yh * (1.0 / 120))));
        double lo = Math.FusedMultiplyAdd(yl, yh + q, yl) + q;

        // Reconstruction: T·(1 + yh + lo).
        DoubleDouble a = DoubleDouble.TwoProd(t.Hi, yh);
        DoubleDouble s1 = DoubleDouble.FastTwoSum(t.Hi, a.Hi);
        DoubleDouble s2 = DoubleDouble.FastTwoSum(s1.Hi, t.Hi * lo);
        h = s2.Hi;
        l = s2.Lo + s1.Lo + a.Lo + Math.FusedMultiplyAdd(tl, yh, tl);
    }
}
