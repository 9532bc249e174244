using System;

namespace ReferenceNN;

public static partial class Elementary
{
    /// <summary>
    /// e^x − 1, correctly rounded to nearest (ties to even) for every double x, accurate for tiny x.
    /// Special values: expm1(NaN) = NaN, expm1(+∞) = +∞, expm1(−∞) = −1, expm1(±0) = ±0 (the sign is kept),
    /// expm1(x) = x for |x| &lt; 2^−54 (subnormals included) and −1 for x ≤ −38, which are the correct roundings
    /// there; the result is +∞ exactly when the correctly rounded value would exceed
    /// <see cref="double.MaxValue"/>. Throws no exception.
    /// </summary>
    /// <param name="x">The exponent.</param>
    /// <returns>The double nearest to e^x − 1.</returns>
    public static double ExpM1(double x)
    {
        if (x > -38.0 && x < 710.0)
        {
            if (Math.Abs(x) < 1.0 / (1L << 54))
            {
                return x; // x²/2 is below a quarter of an ulp of x, on the side that keeps RN at x
            }

            return ExpM1Fast(x, out double y) ? y : SlowPath.ExpM1(x);
        }

        if (double.IsNaN(x))
        {
            return x;
        }

        return x > 0 ? double.PositiveInfinity : -1.0; // e^−38 < 2^−54: −1 + e^x rounds to −1
    }

    /// <summary>
    /// e^x − 1, correctly rounded to nearest (ties to even) for every float input: the double result rounded
    /// to float, except that a double result exactly halfway between two floats is decided by the exact
    /// value's side (checked over all 2^32 inputs, see docs/Elementary/ExpM1.md). Same special values as
    /// the double overload; throws no exception.
    /// </summary>
    /// <param name="x">The exponent.</param>
    /// <returns>The float nearest to e^x − 1.</returns>
    public static float ExpM1(float x) => SinglePrecision.Round(ExpM1((double)x), ElementaryFunction.ExpM1, x);

    /// <summary>
    /// The fast path for −38 &lt; x &lt; 710, |x| ≥ 2^−54, in three ranges.
    /// <list type="bullet">
    /// <item>|x| &lt; 2^−8: x + x²/2 + T with T = x³·(1/6 + x/24 + ... + x⁵/8!) (Taylor to degree 8, truncation
    /// ≤ 2^−82.5·|x|), x² exact by TwoProd; bound 2^−49·|T| + 2^−72·|h|.</item>
    /// <item>x &gt; 70: e^x − 1 rounds as e^x does, since 1 &lt; 2^−100·e^x is far inside the margin between the
    /// bound 2^−78.4 of <see cref="ExpCore"/> and the 2^−77 the test uses: the exp path, overflow included.</item>
    /// <item>otherwise: <see cref="ExpCore"/> scaled exactly by 2^e (−55 ≤ e ≤ 101), then H − 1 by TwoSum; the
    /// absolute bound 2^−77·H becomes at most 2^−69 relative since |e^x − 1| ≥ 2^−8.</item>
    /// </list>
    /// </summary>
    internal static bool ExpM1Fast(double x, out double result)
    {
        if (Math.Abs(x) < 1.0 / 256)
        {
            DoubleDouble s = DoubleDouble.TwoProd(x, x);
            double p = 1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720 + x * (1.0 / 5040 + x * (1.0 / 40320)))));
            double t = x * s.Hi * p;
            DoubleDouble c = DoubleDouble.FastTwoSum(x, 0.5 * s.Hi);
            double h = c.Hi;
            double l = (t + 0.5 * s.Lo) + c.Lo;
            return RoundingTest.TryRound(h, l, Math.Abs(t) * TailError + Math.Abs(h) * ResultError, out result);
        }

        ExpCore(x, out int e, out double h0, out double l0);
        if (x > 70.0)
        {
            return RoundingTest.TryRoundScaled(h0, l0, h0 * ExpCoreError, e, out result);
        }

        double scale = RoundingTest.PowerOfTwo(e);
        double big = h0 * scale;
        DoubleDouble m = DoubleDouble.TwoSum(big, -1.0);
        return RoundingTest.TryRound(m.Hi, m.Lo + l0 * scale, big * ExpCoreError, out result);
    }
}
