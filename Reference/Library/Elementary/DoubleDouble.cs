using System;
using System.Runtime.CompilerServices;

namespace ReferenceNN;

/// <summary>
/// An unevaluated sum <c>Hi + Lo</c> of two doubles, and the error-free transformations that build it.
/// Every operation here is exact (the returned pair equals the real result) under round-to-nearest,
/// the only rounding mode .NET uses, and without overflow; the preconditions are stated per method.
/// </summary>
internal readonly struct DoubleDouble
{
    /// <summary>The leading part.</summary>
    public readonly double Hi;

    /// <summary>The trailing part.</summary>
    public readonly double Lo;

    /// <summary>Pairs <paramref name="hi"/> and <paramref name="lo"/>; no normalization is done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DoubleDouble(double hi, double lo)
    {
        Hi = hi;
        Lo = lo;
    }

    /// <summary>
    /// Knuth's TwoSum: <c>Hi = RN(a + b)</c> and <c>Hi + Lo = a + b</c> exactly, for any finite a and b.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoSum(double a, double b)
    {
        double s = a + b;
        double bVirtual = s - a;
        double aVirtual = s - bVirtual;
        return new DoubleDouble(s, (a - aVirtual) + (b - bVirtual));
    }

    /// <summary>
    /// Dekker's FastTwoSum: <c>Hi = RN(a + b)</c> and <c>Hi + Lo = a + b</c> exactly,
    /// provided a = 0 or |a| ≥ |b| (more precisely: the exponent of a is at least that of b).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble FastTwoSum(double a, double b)
    {
        double s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    /// <summary>
    /// TwoProd with a fused multiply-add: <c>Hi = RN(a·b)</c> and <c>Hi + Lo = a·b</c> exactly,
    /// provided a·b does not underflow (the exponents of a and b sum to at least −969).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoProd(double a, double b)
    {
        double p = a * b;
        return new DoubleDouble(p, Math.FusedMultiplyAdd(a, b, -p));
    }
}
