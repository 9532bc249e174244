using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ReferenceNN.Oracle;

/// <summary>
/// A number for the float32 verdict: the value the reference computes, in double, with what float32 arithmetic can
/// make of it. Run through <see cref="FormulaNetwork"/> it carries, for every element the case computes:
/// <list type="bullet">
/// <item><see cref="Value"/>: the double result, operation for operation what the formulas compute in double (so the
/// reference's own value, bit for bit);</item>
/// <item><see cref="Bound"/>: a bound on |v̂ − v| for any float32 implementation v̂ of the same expression — every input
/// rounded to the nearest float, every +, −, ×, ÷ rounded to nearest, every sum in any order (with or without fused
/// multiply-adds), every exp, ln, ln(1 + x) and tanh within <see cref="ElementaryUlps"/> units in the last place;</item>
/// <item><see cref="Lane"/>(k), k &lt; <see cref="LaneCount"/>: the expression evaluated in float32 with the result of
/// every operation rounded up or down at random (Monte Carlo arithmetic, CESTAC's random rounding); the spread of the
/// lanes estimates the float32 rounding error, as the bound bounds it.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para><b>The bound</b> is propagated operation by operation with the rules of docs/Oracle/Float32Reference.md. With e the
/// bound of each operand and u = 2⁻²⁴: a product's error is at most (|a| + eₐ)(|b| + e_b)(1 + u) − |a||b| + η, a
/// quotient's (eₐ + |a/b|·e_b)/(|b| − e_b) plus its rounding, a function's the largest change of the function over
/// [v − e, v + e] plus its rounding, and a sum's the sum of its operands' errors plus u·(n − 1)·Σ|terms| for its n
/// terms, which bounds the rounding of any order of summation (the order a float32 implementation may choose, blocked
/// or pairwise). To charge a sum so whatever its order, a value remembers the terms it is the sum of: their count
/// <see cref="Count"/> and the sum of their largest magnitudes <see cref="Magnitude"/>; adding a and b charges
/// u·(c_b·m_a + c_a·m_b), which telescopes to u·(n − 1)·Σ|terms| over the whole sum. A product, quotient or function
/// value starts a new term. η = 2⁻¹⁵⁰ is the rounding of a result below float32's normal range. A bound that cannot
/// be stated — a divisor, or a logarithm's argument, whose bound reaches its value; a value beyond float32's range — is
/// +∞.</para>
/// <para><b>Comparisons</b> look at <see cref="Value"/> only, so every branch a formula takes is the reference's;
/// <see cref="Float32Reference"/> widens the bound where float32 could take the other one.</para>
/// <para><b>The lanes' random rounding</b> is a pure function of the operands' float32 bits, the operation and the lane
/// (a SplitMix64 hash): no generator, no state, the same lanes on every run.</para>
/// </remarks>
internal readonly struct Float32Estimate :
    INumberBase<Float32Estimate>,
    IComparisonOperators<Float32Estimate, Float32Estimate, bool>,
    IExponentialFunctions<Float32Estimate>,
    IHyperbolicFunctions<Float32Estimate>,
    ILogarithmicFunctions<Float32Estimate>
{
    /// <summary>How many randomly rounded float32 evaluations each number carries.</summary>
    public const int LaneCount = 16;

    /// <summary>u = 2⁻²⁴, float32's unit roundoff: round to nearest is within u·|x| of x in the normal range.</summary>
    public const double UnitRoundoff = 1.0 / 16777216;

    /// <summary>
    /// How many units in the last place (ulp) a float32 exp, ln, ln(1 + x) or tanh may be off: SLEEF's and the C libraries'
    /// float functions are within 1 to 3.5 ulp, and one ulp of x is at most 2u·|x|.
    /// </summary>
    public const int ElementaryUlps = 4;

    /// <summary>η = 2⁻¹⁵⁰: half the spacing of float32's subnormal numbers, the most rounding changes a tiny result by.</summary>
    public static readonly double Underflow = Math.ScaleB(1.0, -150);

    private readonly LaneValues _lanes;

    private Float32Estimate(double value, double bound, double magnitude, double count, double deviation, in LaneValues lanes)
    {
        Value = value;
        Bound = double.IsNaN(bound) || Math.Abs(value) > float.MaxValue ? double.PositiveInfinity : bound;
        Magnitude = magnitude;
        Count = count;
        Deviation = double.IsNaN(deviation) ? double.PositiveInfinity : deviation;
        _lanes = lanes;
    }

    /// <summary>
    /// How far another valid computation of this value — another branch at a kink or a max-pool tie, another textbook
    /// form of a derivative (<see cref="Widen"/>) — can be from the literal one, propagated to first order through
    /// every later operation without rounding (the lanes carry rounding); 0 where there is no such choice upstream.
    /// </summary>
    public double Deviation { get; }

    /// <summary>The value, as the formulas compute it in double.</summary>
    public double Value { get; }

    /// <summary>The bound on |v̂ − <see cref="Value"/>| for a float32 implementation v̂ (+∞ when none can be stated).</summary>
    public double Bound { get; }

    /// <summary>Σ(|term| + its bound) over the terms this value is the sum of (itself alone, unless it is a sum).</summary>
    public double Magnitude { get; }

    /// <summary>How many terms this value is the sum of: 1 for a product, a quotient, a function value or an input; 0 for <see cref="Zero"/>.</summary>
    public double Count { get; }

    /// <summary>The value of randomly rounded float32 evaluation <paramref name="k"/>.</summary>
    public float Lane(int k) => _lanes[k];

    /// <summary>A new term: the value with its bound, every lane <paramref name="lanes"/>.</summary>
    private static Float32Estimate Term(double value, double bound, double deviation, in LaneValues lanes) =>
        new(value, bound, Math.Abs(value) + bound, 1, deviation, lanes);

    /// <summary>
    /// A double as a float32 implementation reads it: rounded to the nearest float (the bound is that rounding's
    /// error, exactly; +∞ beyond float32's range), in every lane.
    /// </summary>
    public static Float32Estimate Input(double value)
    {
        float nearest = (float)value;
        LaneValues lanes = default;
        for (int k = 0; k < LaneCount; k++) lanes[k] = nearest;
        return Term(value, float.IsInfinity(nearest) && !double.IsInfinity(value) ? double.PositiveInfinity : Math.Abs(nearest - value), 0, lanes);
    }

    /// <summary>
    /// <paramref name="literal"/> with its bound widened to cover <paramref name="alternative"/>, another value a float32
    /// implementation may compute for the same element (another branch, another textbook form): the value and lanes
    /// are the literal's, the bound the larger of the literal's and the alternative's plus the distance between them.
    /// </summary>
    public static Float32Estimate Widen(Float32Estimate literal, Float32Estimate alternative)
    {
        double distance = Math.Abs(alternative.Value - literal.Value);
        double deviation = alternative.Deviation + distance + AlternativeSpreads * Spread(alternative) + AlternativeRoundings * UnitRoundoff * Math.Abs(alternative.Value);
        return Term(literal.Value, Math.Max(literal.Bound, alternative.Bound + distance), Math.Max(literal.Deviation, deviation), literal._lanes);
    }

    /// <summary>The largest magnitude of the value and of its randomly rounded float32 lanes.</summary>
    private static double LaneMagnitude(Float32Estimate x)
    {
        double largest = Math.Abs(x.Value);
        for (int k = 0; k < LaneCount; k++) largest = Math.Max(largest, Math.Abs(x._lanes[k]));
        return largest;
    }

    /// <summary>How many of its own lane spreads an alternative computation is allowed beyond its value (<see cref="Widen"/>) ...</summary>
    public const double AlternativeSpreads = 10;

    /// <summary>... and how many roundings of its value, u·|alternative| each.</summary>
    public const double AlternativeRoundings = 8;

    /// <summary>
    /// How far the lanes lie from the value: the root of Σ(lane − value)²/(k − 1) over the k lanes (0 where they all
    /// equal it; +∞ where one is not finite and the value is). Measured from the double value, not from the lanes' own
    /// mean, so that an offset every lane shares — an input rounded to float the same way in each, carried through a
    /// cancellation — counts; it is never less than the lanes' sample standard deviation.
    /// </summary>
    public static double Spread(Float32Estimate x)
    {
        double squares = 0;
        for (int k = 0; k < LaneCount; k++) squares += (x._lanes[k] - x.Value) * (x._lanes[k] - x.Value);
        double spread = Math.Sqrt(squares / (LaneCount - 1));
        return double.IsNaN(spread) ? (double.IsFinite(x.Value) ? double.PositiveInfinity : 0) : spread;
    }

    /// <summary>The value as a new term of any later sum: a tensor element once stored.</summary>
    public static Float32Estimate Stored(Float32Estimate x) => Term(x.Value, x.Bound, x.Deviation, x._lanes);

    // ---- arithmetic ----

    public static Float32Estimate operator +(Float32Estimate a, Float32Estimate b) => Sum(a, b, a.Value + b.Value, 1);

    public static Float32Estimate operator -(Float32Estimate a, Float32Estimate b) => Sum(a, -b, a.Value - b.Value, 2);

    private static Float32Estimate Sum(Float32Estimate a, Float32Estimate b, double value, ulong operation)
    {
        double charge = UnitRoundoff * (b.Count * a.Magnitude + a.Count * b.Magnitude);
        LaneValues lanes = default;
        for (int k = 0; k < LaneCount; k++) lanes[k] = RoundRandomly((double)a._lanes[k] + b._lanes[k], a._lanes[k], b._lanes[k], operation, k);
        return new(value, a.Bound + b.Bound + charge, a.Magnitude + b.Magnitude, a.Count + b.Count, a.Deviation + b.Deviation, lanes);
    }

    public static Float32Estimate operator *(Float32Estimate a, Float32Estimate b)
    {
        double value = a.Value * b.Value;
        double largestA = Math.Abs(a.Value) + a.Bound, largestB = Math.Abs(b.Value) + b.Bound;
        // An exact zero makes the product exactly zero, whatever the other factor (even one without a bound).
        double largest = largestA == 0 || largestB == 0 ? 0 : largestA * largestB;
        LaneValues lanes = default;
        for (int k = 0; k < LaneCount; k++) lanes[k] = RoundRandomly((double)a._lanes[k] * b._lanes[k], a._lanes[k], b._lanes[k], 3, k);
        // Each factor as large as float32 makes it (a saturated 1 − y², 0 in double, is an ulp in float): the other's deviation scales by that.
        double deviation = a.Deviation == 0 && b.Deviation == 0 ? 0
            : LaneMagnitude(a) * b.Deviation + LaneMagnitude(b) * a.Deviation + a.Deviation * b.Deviation;
        return Term(value, largest - Math.Abs(value) + UnitRoundoff * largest + Underflow, deviation, lanes);
    }

    public static Float32Estimate operator /(Float32Estimate a, Float32Estimate b)
    {
        double value = a.Value / b.Value, divisor = Math.Abs(b.Value) - b.Bound;
        double bound = divisor > 0
            ? (a.Bound + Math.Abs(value) * b.Bound) / divisor + UnitRoundoff * (Math.Abs(a.Value) + a.Bound) / divisor + Underflow
            : double.PositiveInfinity;
        LaneValues lanes = default;
        for (int k = 0; k < LaneCount; k++) lanes[k] = RoundRandomly((double)a._lanes[k] / b._lanes[k], a._lanes[k], b._lanes[k], 4, k);
        double reach = Math.Abs(b.Value) - b.Deviation;
        double deviation = a.Deviation == 0 && b.Deviation == 0 ? 0
            : reach > 0 ? (a.Deviation + Math.Abs(value) * b.Deviation) / reach : double.PositiveInfinity;
        return Term(value, bound, deviation, lanes);
    }

    public static Float32Estimate operator -(Float32Estimate a)
    {
        LaneValues lanes = default;
        for (int k = 0; k < LaneCount; k++) lanes[k] = -a._lanes[k];
        return new(-a.Value, a.Bound, a.Magnitude, a.Count, a.Deviation, lanes);
    }

    public static Float32Estimate operator +(Float32Estimate a) => a;

    public static Float32Estimate operator ++(Float32Estimate a) => a + One;

    public static Float32Estimate operator --(Float32Estimate a) => a - One;

    // ---- elementary functions: the value from the library, the bound from the function's largest change ----

    /// <summary>eᵛ; the bound eᵛ·(e^e − 1) for the argument's, plus <see cref="ElementaryUlps"/> ulp of the largest result.</summary>
    public static Float32Estimate Exp(Float32Estimate x)
    {
        double value = Elementary.Exp(x.Value);
        double bound = value * double.ExpM1(x.Bound) + Rounding(value * Math.Exp(x.Bound));
        return Function(x, value, bound, x.Deviation == 0 ? 0 : value * double.ExpM1(x.Deviation), 5, static v => Elementary.Exp(v));
    }

    /// <summary>ln v; the bound −ln(1 − e/v) for the argument's, plus its rounding; +∞ when e ≥ v.</summary>
    public static Float32Estimate Log(Float32Estimate x)
    {
        double value = Elementary.Log(x.Value);
        double change = x.Bound < x.Value ? -Elementary.Log1P(-x.Bound / x.Value) : double.PositiveInfinity;
        double deviation = x.Deviation == 0 ? 0 : x.Deviation < x.Value ? -Elementary.Log1P(-x.Deviation / x.Value) : double.PositiveInfinity;
        return Function(x, value, change + Rounding(Math.Abs(value) + change), deviation, 6, static v => Elementary.Log(v));
    }

    /// <summary>ln(1 + v); the bound −ln(1 − e/(1 + v)) for the argument's, plus its rounding; +∞ when e ≥ 1 + v.</summary>
    public static Float32Estimate LogP1(Float32Estimate x)
    {
        double value = Elementary.Log1P(x.Value);
        double change = x.Bound < 1 + x.Value ? -Elementary.Log1P(-x.Bound / (1 + x.Value)) : double.PositiveInfinity;
        double deviation = x.Deviation == 0 ? 0 : x.Deviation < 1 + x.Value ? -Elementary.Log1P(-x.Deviation / (1 + x.Value)) : double.PositiveInfinity;
        return Function(x, value, change + Rounding(Math.Abs(value) + change), deviation, 7, static v => Elementary.Log1P(v));
    }

    /// <summary>tanh v; the bound sech²(t)·e for the argument's, t the point of [v − e, v + e] nearest 0, at most 2; plus its rounding.</summary>
    public static Float32Estimate Tanh(Float32Estimate x)
    {
        double value = Elementary.Tanh(x.Value);
        double nearest = Math.Max(0, Math.Abs(x.Value) - x.Bound);
        double sech = 1 / Math.Cosh(nearest);
        double change = Math.Min(2, sech * sech * x.Bound);
        double near = Math.Max(0, Math.Abs(x.Value) - x.Deviation), sechNear = 1 / Math.Cosh(near);
        double deviation = Math.Min(2, sechNear * sechNear * x.Deviation);
        return Function(x, value, change + Rounding(Math.Min(1, Math.Abs(value) + change)), deviation, 8, static v => Elementary.Tanh(v));
    }

    /// <summary>|v|: the same bound, a new term.</summary>
    public static Float32Estimate Abs(Float32Estimate value)
    {
        LaneValues lanes = default;
        for (int k = 0; k < LaneCount; k++) lanes[k] = Math.Abs(value._lanes[k]);
        return Term(Math.Abs(value.Value), value.Bound, value.Deviation, lanes);
    }

    /// <summary>What an elementary function's float32 result may be off by: <see cref="ElementaryUlps"/> ulp of a result as large as <paramref name="largest"/>.</summary>
    private static double Rounding(double largest) => 2 * ElementaryUlps * UnitRoundoff * largest + Underflow;

    private static Float32Estimate Function(Float32Estimate x, double value, double bound, double deviation, ulong operation, Func<double, double> f)
    {
        LaneValues lanes = default;
        for (int k = 0; k < LaneCount; k++) lanes[k] = RoundRandomly(f(x._lanes[k]), x._lanes[k], 0, operation, k);
        return Term(value, bound, deviation, lanes);
    }

    /// <summary>
    /// <paramref name="exact"/> rounded to one of the two floats around it, down or up as the hash of the operands, the
    /// operation and the lane says; an exact result is kept.
    /// </summary>
    internal static float RoundRandomly(double exact, float a, float b, ulong operation, int lane)
    {
        float nearest = (float)exact;
        if ((double)nearest == exact || double.IsNaN(exact)) return nearest;
        float below = nearest < exact ? nearest : MathF.BitDecrement(nearest);
        ulong key = ((ulong)BitConverter.SingleToUInt32Bits(a) << 32 | BitConverter.SingleToUInt32Bits(b)) ^ (operation << 56) ^ ((ulong)lane << 60);
        return (Mix(key) & 1) == 0 ? below : MathF.BitIncrement(below);
    }

    /// <summary>SplitMix64's finaliser: every bit of the key moves about half the bits of the result.</summary>
    private static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    // ---- comparisons: the values ----

    public static bool operator ==(Float32Estimate a, Float32Estimate b) => a.Value == b.Value;

    public static bool operator !=(Float32Estimate a, Float32Estimate b) => a.Value != b.Value;

    public static bool operator <(Float32Estimate a, Float32Estimate b) => a.Value < b.Value;

    public static bool operator >(Float32Estimate a, Float32Estimate b) => a.Value > b.Value;

    public static bool operator <=(Float32Estimate a, Float32Estimate b) => a.Value <= b.Value;

    public static bool operator >=(Float32Estimate a, Float32Estimate b) => a.Value >= b.Value;

    public bool Equals(Float32Estimate other) => Value.Equals(other.Value);

    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Float32Estimate other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    // ---- constants: exact, in every lane ----

    /// <summary>0 as the sum of no terms, so that a sum started at zero is charged for its terms only.</summary>
    public static Float32Estimate Zero => default;

    public static Float32Estimate One => Input(1);

    public static int Radix => 2;

    public static Float32Estimate AdditiveIdentity => Zero;

    public static Float32Estimate MultiplicativeIdentity => One;

    public static Float32Estimate E => Input(Math.E);

    public static Float32Estimate Pi => Input(Math.PI);

    public static Float32Estimate Tau => Input(Math.Tau);

    // ---- classification: the value's ----

    public static bool IsCanonical(Float32Estimate value) => true;

    public static bool IsComplexNumber(Float32Estimate value) => false;

    public static bool IsEvenInteger(Float32Estimate value) => double.IsEvenInteger(value.Value);

    public static bool IsFinite(Float32Estimate value) => double.IsFinite(value.Value);

    public static bool IsImaginaryNumber(Float32Estimate value) => false;

    public static bool IsInfinity(Float32Estimate value) => double.IsInfinity(value.Value);

    public static bool IsInteger(Float32Estimate value) => double.IsInteger(value.Value);

    public static bool IsNaN(Float32Estimate value) => double.IsNaN(value.Value);

    public static bool IsNegative(Float32Estimate value) => double.IsNegative(value.Value);

    public static bool IsNegativeInfinity(Float32Estimate value) => double.IsNegativeInfinity(value.Value);

    public static bool IsNormal(Float32Estimate value) => double.IsNormal(value.Value);

    public static bool IsOddInteger(Float32Estimate value) => double.IsOddInteger(value.Value);

    public static bool IsPositive(Float32Estimate value) => double.IsPositive(value.Value);

    public static bool IsPositiveInfinity(Float32Estimate value) => double.IsPositiveInfinity(value.Value);

    public static bool IsRealNumber(Float32Estimate value) => true;

    public static bool IsSubnormal(Float32Estimate value) => double.IsSubnormal(value.Value);

    public static bool IsZero(Float32Estimate value) => value.Value == 0;

    // ---- conversions: a number is an input; the formulas need no others ----

    public static Float32Estimate CreateChecked<TOther>(TOther value) where TOther : INumberBase<TOther> => Input(double.CreateChecked(value));

    public static Float32Estimate CreateSaturating<TOther>(TOther value) where TOther : INumberBase<TOther> => Input(double.CreateSaturating(value));

    public static Float32Estimate CreateTruncating<TOther>(TOther value) where TOther : INumberBase<TOther> => Input(double.CreateTruncating(value));

    // Not used by the formulas: an evaluation that reached one of these would be a bug, not a number.
    public static Float32Estimate Exp2(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate Exp10(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate Log(Float32Estimate x, Float32Estimate newBase) => throw new NotSupportedException();

    public static Float32Estimate Log2(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate Log10(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate Sinh(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate Cosh(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate Asinh(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate Acosh(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate Atanh(Float32Estimate x) => throw new NotSupportedException();

    public static Float32Estimate MaxMagnitude(Float32Estimate x, Float32Estimate y) => throw new NotSupportedException();

    public static Float32Estimate MaxMagnitudeNumber(Float32Estimate x, Float32Estimate y) => throw new NotSupportedException();

    public static Float32Estimate MinMagnitude(Float32Estimate x, Float32Estimate y) => throw new NotSupportedException();

    public static Float32Estimate MinMagnitudeNumber(Float32Estimate x, Float32Estimate y) => throw new NotSupportedException();

    static bool INumberBase<Float32Estimate>.TryConvertFromChecked<TOther>(TOther value, out Float32Estimate result) => throw new NotSupportedException();

    static bool INumberBase<Float32Estimate>.TryConvertFromSaturating<TOther>(TOther value, out Float32Estimate result) => throw new NotSupportedException();

    static bool INumberBase<Float32Estimate>.TryConvertFromTruncating<TOther>(TOther value, out Float32Estimate result) => throw new NotSupportedException();

    static bool INumberBase<Float32Estimate>.TryConvertToChecked<TOther>(Float32Estimate value, [MaybeNullWhen(false)] out TOther result) => throw new NotSupportedException();

    static bool INumberBase<Float32Estimate>.TryConvertToSaturating<TOther>(Float32Estimate value, [MaybeNullWhen(false)] out TOther result) => throw new NotSupportedException();

    static bool INumberBase<Float32Estimate>.TryConvertToTruncating<TOther>(Float32Estimate value, [MaybeNullWhen(false)] out TOther result) => throw new NotSupportedException();

    public static Float32Estimate Parse(string s, IFormatProvider? provider) => throw new NotSupportedException();

    public static Float32Estimate Parse(string s, NumberStyles style, IFormatProvider? provider) => throw new NotSupportedException();

    public static Float32Estimate Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => throw new NotSupportedException();

    public static Float32Estimate Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => throw new NotSupportedException();

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out Float32Estimate result) => throw new NotSupportedException();

    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out Float32Estimate result) => throw new NotSupportedException();

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out Float32Estimate result) => throw new NotSupportedException();

    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out Float32Estimate result) => throw new NotSupportedException();

    // ---- text: "v ± e" ----

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        $"{Value.ToString(format ?? "R", formatProvider)} ± {Bound.ToString(format ?? "E2", formatProvider)}";

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) => throw new NotSupportedException();

    /// <summary>The lanes' values, stored inline.</summary>
    [InlineArray(LaneCount)]
    internal struct LaneValues
    {
        private float _first;
    }
}
