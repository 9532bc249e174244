using System;

namespace ReferenceNN;

public static partial class Elementary
{
    /// <summary>Absolute error bound of the quotient path of <see cref="TanhFast"/>: 2^−76 (the derivation gives 2^−77.3).</summary>
    internal const double TanhQuotientError = 1.0 / (1L << 62) / (1L << 14);

    /// <summary>
    /// The hyperbolic tangent tanh(x), correctly rounded to nearest (ties to even) for every double x.
    /// Special values: tanh(NaN) = NaN, tanh(±∞) = ±1, tanh(±0) = ±0 (the sign is kept); tanh(x) = x for
    /// |x| &lt; 2^−27 (subnormals included) and ±1 for |x| ≥ 19.1, which are the correct roundings there.
    /// The function is odd: tanh(−x) = −tanh(x) for every x. Throws no exception.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The double nearest to tanh(x).</returns>
    public static double Tanh(double x)
    {
        double a = Math.Abs(x);
        if (a < 19.1)
        {
            if (a < 1.0 / (1 << 27))
            {
                return x; // tanh(x) = x − x³/3 + ...: |x|³/3 is below a quarter of an ulp of x
            }

            return TanhFast(x, out double y) ? y : SlowPath.Tanh(x);
        }

        if (double.IsNaN(x))
        {
            return x;
        }

        return x > 0 ? 1.0 : -1.0; // 1 − tanh(19.1) = 2/(e^38.2 + 1) < 2^−54
    }

    /// <summary>
    /// tanh(x), correctly rounded to nearest (ties to even) for every float input: the double result rounded
    /// to float, except that a double result exactly halfway between two floats is decided by the exact
    /// value's side (checked over all 2^32 inputs, see docs/Elementary/Tanh.md). Same special values as
    /// the double overload; throws no exception.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The float nearest to tanh(x).</returns>
    public static float Tanh(float x) => SinglePrecision.Round(Tanh((double)x), ElementaryFunction.Tanh, x);

    /// <summary>
    /// The fast path for 2^−27 ≤ |x| &lt; 19.1, on a = |x| with the sign restored at the end (RN is symmetric).
    /// <list type="bullet">
    /// <item>a &lt; 2^−8: a + T with T = a³·(−1/3 + 2a²/15 − 17a⁴/315 + 62a⁶/2835) (Taylor to degree 9,
    /// truncation ≤ 2^−86·a); bound 2^−49·|T| + 2^−72·|h|.</item>
    /// <item>otherwise: tanh(a) = E/D with E = e^(2a) − 1 and D = e^(2a) + 1 from one <see cref="ExpCore"/>
    /// (scaled exactly, e ≤ 56) and two TwoSums; both are within 2^−78.3·e^(2a), so E/D is within
    /// 2^−78.3·2 (e^(2a)/D &lt; 1, E/D &lt; 1). The quotient q + ql: q = RN(Eh·(1/Dh)), the residual
    /// Eh − q·Dh by FMA plus El − q·Dl, times 1/Dh; within 2^−100·q. Bound: 2^−76 absolute.</item>
    /// </list>
    /// </summary>
    internal static bool TanhFast(double x, out double result)
    {
        double a = Math.Abs(x);
        double h, l, err;
        if (a < 1.0 / 256)
        {
            double s = a * a;
            double p = -1.0 / 3 + s * (2.0 / 15 + s * (-17.0 / 315 + s * (62.0 / 2835)));
            double t = a * s * p;
            DoubleDouble c = DoubleDouble.FastTwoSum(a, t);
            h = c.Hi;
            l = c.Lo;
            err = Math.Abs(t) * TailError + h * ResultError;
        }
        else
        {
            ExpCore(2 * a, out int e, out double h0, out double l0);
            double scale = RoundingTest.PowerOfTwo(e);
            double big = h0 * scale, small = l0 * scale;
            DoubleDouble em1 = DoubleDouble.TwoSum(big, -1.0);
            DoubleDouble ep1 = DoubleDouble.TwoSum(big, 1.0);
            double el = em1.Lo + small, dl = ep1.Lo + small;
            double inverse = 1.0 / ep1.Hi;
            h = em1.Hi * inverse;
            double residual = Math.FusedMultiplyAdd(-h, ep1.Hi, em1.Hi) + Math.FusedMultiplyAdd(-h, dl, el);
            l = residual * inverse;
            err = TanhQuotientError;
        }

        bool ok = RoundingTest.TryRound(h, l, err, out double y);
        result = x < 0 ? -y : y;
        return ok;
    }
}
