using System;

namespace ReferenceNN;

public static partial class Elementary
{
    /// <summary>
    /// log(1 + x), correctly rounded to nearest (ties to even) for every double x, accurate for tiny x.
    /// Special values: log1p(NaN) = NaN, log1p(x &lt; −1) = NaN (including −∞), log1p(−1) = −∞,
    /// log1p(+∞) = +∞, log1p(±0) = ±0 (the sign is kept), and log1p(x) = x for |x| &lt; 2^−54 (subnormals
    /// included), which is the correct rounding there. Throws no exception.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The double nearest to log(1 + x).</returns>
    public static double Log1P(double x)
    {
        if (x > -1.0 && x < double.PositiveInfinity)
        {
            if (Math.Abs(x) < 1.0 / (1L << 54))
            {
                return x; // |x²/2| is below a quarter of an ulp of x, on the side that keeps RN at x
            }

            return Log1PFast(x, out double y) ? y : SlowPath.Log1P(x);
        }

        if (x == -1.0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsNaN(x) || x > 0)
        {
            return x; // NaN propagates; log1p(+∞) = +∞
        }

        return double.NaN;
    }

    /// <summary>
    /// log(1 + x), correctly rounded to nearest (ties to even) for every float input: the double result rounded
    /// to float, except that a double result exactly halfway between two floats is decided by the exact
    /// value's side (checked over all 2^32 inputs, see docs/Elementary/Log1P.md). Same special values as
    /// the double overload; throws no exception.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The float nearest to log(1 + x).</returns>
    public static float Log1P(float x) => SinglePrecision.Round(Log1P((double)x), ElementaryFunction.Log1P, x);

    /// <summary>
    /// The fast path for −1 &lt; x &lt; +∞, |x| ≥ 2^−54. For |x| &lt; 2^−8, z = x directly in the polynomial of
    /// <see cref="LogCore"/>: log1p(x) = x − x²/2 + T. Otherwise 1 + x = u + v exactly (TwoSum) and
    /// log(1 + x) = log(u) + v/u within 2^−106 (|v/u| ≤ 2^−53), with log(u) from <see cref="LogCore"/>;
    /// |log1p(x)| ≥ 2^−8.01 there, so the 2^−72·|h| term of the bound covers the added error.
    /// </summary>
    internal static bool Log1PFast(double x, out double result)
    {
        double h, l, err;
        if (Math.Abs(x) < 1.0 / 256)
        {
            DoubleDouble s = DoubleDouble.TwoProd(x, x);
            double t = Log1PTail(x, s.Hi);
            DoubleDouble c = DoubleDouble.FastTwoSum(x, -0.5 * s.Hi);
            h = c.Hi;
            l = (t - 0.5 * s.Lo) + c.Lo;
            err = Math.Abs(t) * TailError + Math.Abs(h) * ResultError;
        }
        else
        {
            DoubleDouble u = DoubleDouble.TwoSum(1.0, x);
            LogCore(u.Hi, out h, out l, out err);
            l += u.Lo / u.Hi;
        }

        return RoundingTest.TryRound(h, l, err, out result);
    }
}
