using System;
using System.Runtime.CompilerServices;

namespace ReferenceNN;

/// <summary>
/// The float overloads: round the correctly rounded double result y = RN53(f(x)) to float. Rounding twice
/// gives the correctly rounded float unless y is exactly halfway between two floats while f(x) is not
/// (then the tie goes to the even float whichever side f(x) is on). That case is detected here and
/// decided by the slow path's sign of f(x) − y. The exhaustive run over all 2^32 float inputs
/// (Verification/float-midpoints.txt) finds it for 8 inputs of log and 11 of log1p, none of exp, expm1
/// and tanh; without this step 5 of those log results and 9 of the log1p results would be wrong.
/// </summary>
internal static class SinglePrecision
{
    /// <summary>The float nearest to f(x), given y = the double nearest to f(x), for a float x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Round(double y, ElementaryFunction f, float x)
    {
        float r = (float)y;
        return IsMidpoint(y) ? Resolve(y, r, f, x) : r;
    }

    /// <summary>
    /// True when y is exactly halfway between two adjacent floats: in the float normal range (and above it,
    /// up to the overflow boundary 2^128 − 2^103) the 29 bits of y below float precision are 1000...0;
    /// below 2^−126, y is an odd multiple of 2^−150.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsMidpoint(double y)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(y) & 0x7FFFFFFFFFFFFFFFUL;
        if (bits >= 0x3810000000000000UL) // |y| ≥ 2^−126 (NaN and ∞ have zero low bits: never a midpoint)
        {
            return (bits & 0x1FFFFFFFUL) == 0x10000000UL;
        }

        double t = Math.Abs(y) * 1.4272476927059599e45; // 2^150: exact
        return t != 0 && t == Math.Floor(t) && Math.IEEERemainder(t, 2) != 0;
    }

    private static float Resolve(double y, float r, ElementaryFunction f, float x)
    {
        float other = r > y ? MathF.BitDecrement(r) : MathF.BitIncrement(r);
        int side = SlowPath.CompareExact(f, x, y); // f(x) is irrational here: never equal to y
        return side > 0 ? MathF.Max(r, other) : MathF.Min(r, other);
    }
}
