using System;
using System.Runtime.CompilerServices;

namespace ReferenceNN;

/// <summary>
/// Ziv's rounding test: given an approximation h + l of a real y with a rigorous bound |y − (h + l)| ≤ err,
/// decide RN(y) (round to nearest, ties to even) when both ends of [h + l − err, h + l + err] round to the
/// same double. Rounding is monotone, so RN(y) lies between RN of the two ends.
/// </summary>
internal static class RoundingTest
{
    /// <summary>
    /// Returns true and RN(y) in <paramref name="result"/> when RN(h + (l − err)) = RN(h + (l + err)).
    /// Precondition: the true error is at most err − 2^−52·(|l| + err), which covers the rounding of
    /// l ± err (every caller's bound has that margin), and the result is a normal number or ±∞ never arises
    /// (callers scale into the normal range first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryRound(double h, double l, double err, out double result)
    {
        double low = h + (l - err);
        double high = h + (l + err);
        result = low;
        return low == high;
    }

    /// <summary>
    /// RN(2^e·y) for y within err of h + l, where h ∈ [0.99, 2), |l| ≤ 2^−50 and −1077 ≤ e ≤ 1024:
    /// a normal result is RN(y) scaled exactly by 2^e; for e = 1024 the scaling overflows to +∞ exactly when
    /// RN(y)·2^1024 ≥ 2^1024 (IEEE 754: the result rounded with an unbounded exponent exceeds the largest
    /// double); for e ≤ −1022 the result may be subnormal and y is rounded on the grid 2^(−1074−e) instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryRoundScaled(double h, double l, double err, int e, out double result)
    {
        if (e > -1022)
        {
            bool ok = TryRound(h, l, err, out double r);
            result = e < 1024 ? r * PowerOfTwo(e) : r * 2.0 * PowerOfTwo(1023);
            return ok;
        }

        return TryRoundSubnormal(h, l, err, e, out result);
    }

    /// <summary>
    /// The subnormal case of <see cref="TryRoundScaled"/>: with s = 2^(1074+e) (an exact scaling, 2^−3 ≤ s ≤ 2^52),
    /// n = RN(s·y) as an integer is the result in units of 2^−1074. H = s·h splits exactly into an integer n0
    /// and a fraction f ∈ [0, 1); d = f + s·l (|d| &lt; 3, rounding error ≤ 2^−51) and the integer nearest to d is
    /// decided unless d is within s·err + 2^−50 of a half-integer. n &lt; 2^53 since h + l &lt; 2 − 2^−14.
    /// </summary>
    private static bool TryRoundSubnormal(double h, double l, double err, int e, out double result)
    {
        double s = PowerOfTwo(1074 + e);
        double big = h * s;
        double n0 = Math.Floor(big);
        double d = (big - n0) + l * s;
        double fraction = d - Math.Floor(d);
        double n = n0 + Math.Round(d);
        result = n * PowerOfTwo(-1022) * PowerOfTwo(-52);
        return Math.Abs(fraction - 0.5) > err * s + 1.0 / (1L << 50);
    }

    /// <summary>2^e for −1022 ≤ e ≤ 1023, built from its bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double PowerOfTwo(int e) => BitConverter.Int64BitsToDouble((long)(e + 1023) << 52);
}
