using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// A dual number v + t·ε (ε² = 0): a value and a tangent. Run through a formula written once for every number type, it
/// gives the formula's value and, in the tangent, its directional derivative J·v exactly up to rounding, with no step
/// size. The verification's independent derivative.
/// </summary>
/// <remarks>
/// <para>
/// <b>Values.</b> The value part is computed exactly as the formula computes it on <typeparamref name="T"/>: the same
/// operations on the same values (+, −, ×, ÷ of <typeparamref name="T"/>, and the library's own
/// <see cref="ReferenceNN.Elementary"/> functions for exp, ln, ln(1 + x) and tanh). So a formula run on
/// <c>Dual&lt;double&gt;</c> gives, in its values, the bits it gives on double; <c>DualTests</c> checks this.
/// </para>
/// <para>
/// <b>Tangents</b> follow the chain rule, each rule written to keep its relative accuracy over the whole domain:
/// (a·b)′ = a·b′ + a′·b (one fused multiply-add); (a/b)′ = (a′ − (a/b)·b′)/b; exp′ = exp (the value just computed);
/// ln′ x = 1/x; ln(1 + x)′ = 1/(1 + x); tanh′ x = sech²x, computed as s² with s = 2w/(1 + w²), w = e^(−|x|)
/// (not 1 − tanh²x, which is 0 once tanh x rounds to ±1, from |x| ≈ 19.06 on, and loses digits well before); the
/// tangents' exponentials are the platform's (<c>T.Exp</c>), not the library's. |x|′ = sign(x) with the left
/// derivative −1 at x = 0, so that |x| and a comparison <c>x &gt; 0 ? … : …</c> (which puts 0 on the left) take the same
/// side of 0 (softplus' max(x, 0) + ln(1 + e^(−|x|)) then has the right derivative ½ at 0).
/// </para>
/// <para>
/// <b>Comparisons</b> (&lt;, ==, <see cref="IsZero"/>, …) look at the values only: a formula takes the same branch on a
/// dual number as on its value, and the tangent is the derivative of the branch taken (at a kink or a tie: the
/// one-sided derivative of that branch).
/// </para>
/// </remarks>
/// <typeparam name="T">The floating-point type of the value and the tangent (double, or float).</typeparam>
public readonly struct Dual<T> :
    INumberBase<Dual<T>>,
    IComparisonOperators<Dual<T>, Dual<T>, bool>,
    IExponentialFunctions<Dual<T>>,
    IHyperbolicFunctions<Dual<T>>,
    ILogarithmicFunctions<Dual<T>>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>A dual number with the given value and tangent.</summary>
    public Dual(T value, T tangent)
    {
        Value = value;
        Tangent = tangent;
    }

    /// <summary>The value v.</summary>
    public T Value { get; }

    /// <summary>The tangent t, the derivative of the value along the direction the inputs' tangents set.</summary>
    public T Tangent { get; }

    /// <summary>A constant: tangent 0.</summary>
    public static Dual<T> Constant(T value) => new(value, T.Zero);

    /// <summary>A variable along its own axis: tangent 1.</summary>
    public static Dual<T> Variable(T value) => new(value, T.One);

    // ---- arithmetic ----

    public static Dual<T> operator +(Dual<T> a, Dual<T> b) => new(a.Value + b.Value, a.Tangent + b.Tangent);

    public static Dual<T> operator -(Dual<T> a, Dual<T> b) => new(a.Value - b.Value, a.Tangent - b.Tangent);

    public static Dual<T> operator *(Dual<T> a, Dual<T> b) =>
        new(a.Value * b.Value, T.FusedMultiplyAdd(a.Value, b.Tangent, a.Tangent * b.Value));

    public static Dual<T> operator /(Dual<T> a, Dual<T> b)
    {
        T quotient = a.Value / b.Value;
        return new(quotient, (a.Tangent - quotient * b.Tangent) / b.Value);
    }

    public static Dual<T> operator -(Dual<T> a) => new(-a.Value, -a.Tangent);

    public static Dual<T> operator +(Dual<T> a) => a;

    public static Dual<T> operator ++(Dual<T> a) => new(a.Value + T.One, a.Tangent);

    public static Dual<T> operator --(Dual<T> a) => new(a.Value - T.One, a.Tangent);

    // ---- comparisons: values only ----

    public static bool operator ==(Dual<T> a, Dual<T> b) => a.Value == b.Value;

    public static bool operator !=(Dual<T> a, Dual<T> b) => a.Value != b.Value;

    public static bool operator <(Dual<T> a, Dual<T> b) => a.Value < b.Value;

    public static bool operator >(Dual<T> a, Dual<T> b) => a.Value > b.Value;

    public static bool operator <=(Dual<T> a, Dual<T> b) => a.Value <= b.Value;

    public static bool operator >=(Dual<T> a, Dual<T> b) => a.Value >= b.Value;

    /// <summary>Equal values (the tangents are not compared, as for ==).</summary>
    public bool Equals(Dual<T> other) => Value.Equals(other.Value);

    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Dual<T> other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    // ---- elementary functions: the value from the library, the tangent by its rule ----

    /// <summary>(eᵛ, eᵛ·t), eᵛ from <see cref="ReferenceNN.Elementary.Exp{T}(T)"/>.</summary>
    public static Dual<T> Exp(Dual<T> x)
    {
        T e = ReferenceNN.Elementary.Exp(x.Value);
        return new(e, e * x.Tangent);
    }

    /// <summary>(ln v, t/v), ln v from <see cref="ReferenceNN.Elementary.Log{T}(T)"/>.</summary>
    public static Dual<T> Log(Dual<T> x) => new(ReferenceNN.Elementary.Log(x.Value), x.Tangent / x.Value);

    /// <summary>(ln(1 + v), t/(1 + v)), ln(1 + v) from <see cref="ReferenceNN.Elementary.Log1P{T}(T)"/>.</summary>
    public static Dual<T> LogP1(Dual<T> x) => new(ReferenceNN.Elementary.Log1P(x.Value), x.Tangent / (T.One + x.Value));

    /// <summary>(tanh v, t·sech²v), tanh v from <see cref="ReferenceNN.Elementary.Tanh{T}(T)"/>, sech²v = s² with s = 2w/(1 + w²), w = e^(−|v|).</summary>
    public static Dual<T> Tanh(Dual<T> x) => new(ReferenceNN.Elementary.Tanh(x.Value), x.Tangent * SechSquared(x.Value));

    /// <summary>sech²v = s², s = sech v = 2/(eᵛ + e⁻ᵛ) = 2w/(1 + w²) with w = e^(−|v|) ≤ 1: no cancellation, no overflow.</summary>
    public static T SechSquared(T v)
    {
        T w = T.Exp(-T.Abs(v));
        T s = (w + w) / (T.One + w * w);
        return s * s;
    }

    /// <summary>(|v|, sign(v)·t), with the left derivative −t at v = 0 (see the remarks).</summary>
    public static Dual<T> Abs(Dual<T> value) => value.Value > T.Zero ? value : new(T.Abs(value.Value), -value.Tangent);

    public static Dual<T> Exp2(Dual<T> x)
    {
        T e = T.Exp2(x.Value);
        return new(e, e * T.Log(T.CreateChecked(2)) * x.Tangent);
    }

    public static Dual<T> Exp10(Dual<T> x)
    {
        T e = T.Exp10(x.Value);
        return new(e, e * T.Log(T.CreateChecked(10)) * x.Tangent);
    }

    public static Dual<T> Log(Dual<T> x, Dual<T> newBase) => Log(x) / Log(newBase);

    public static Dual<T> Log2(Dual<T> x) => new(T.Log2(x.Value), x.Tangent / (x.Value * T.Log(T.CreateChecked(2))));

    public static Dual<T> Log10(Dual<T> x) => new(T.Log10(x.Value), x.Tangent / (x.Value * T.Log(T.CreateChecked(10))));

    public static Dual<T> Sinh(Dual<T> x) => new(T.Sinh(x.Value), T.Cosh(x.Value) * x.Tangent);

    public static Dual<T> Cosh(Dual<T> x) => new(T.Cosh(x.Value), T.Sinh(x.Value) * x.Tangent);

    public static Dual<T> Asinh(Dual<T> x) => new(T.Asinh(x.Value), x.Tangent / T.Sqrt(x.Value * x.Value + T.One));

    public static Dual<T> Acosh(Dual<T> x) =>
        new(T.Acosh(x.Value), x.Tangent / (T.Sqrt(x.Value - T.One) * T.Sqrt(x.Value + T.One)));

    public static Dual<T> Atanh(Dual<T> x) => new(T.Atanh(x.Value), x.Tangent / ((T.One - x.Value) * (T.One + x.Value)));

    // ---- constants ----

    public static Dual<T> One => new(T.One, T.Zero);

    public static Dual<T> Zero => new(T.Zero, T.Zero);

    public static int Radix => T.Radix;

    public static Dual<T> AdditiveIdentity => Zero;

    public static Dual<T> MultiplicativeIdentity => One;

    public static Dual<T> E => Constant(T.E);

    public static Dual<T> Pi => Constant(T.Pi);

    public static Dual<T> Tau => Constant(T.Tau);

    // ---- classification: the value's ----

    public static bool IsCanonical(Dual<T> value) => true;

    public static bool IsComplexNumber(Dual<T> value) => false;

    public static bool IsEvenInteger(Dual<T> value) => T.IsEvenInteger(value.Value);

    public static bool IsFinite(Dual<T> value) => T.IsFinite(value.Value);

    public static bool IsImaginaryNumber(Dual<T> value) => false;

    public static bool IsInfinity(Dual<T> value) => T.IsInfinity(value.Value);

    public static bool IsInteger(Dual<T> value) => T.IsInteger(value.Value);

    public static bool IsNaN(Dual<T> value) => T.IsNaN(value.Value);

    public static bool IsNegative(Dual<T> value) => T.IsNegative(value.Value);

    public static bool IsNegativeInfinity(Dual<T> value) => T.IsNegativeInfinity(value.Value);

    public static bool IsNormal(Dual<T> value) => T.IsNormal(value.Value);

    public static bool IsOddInteger(Dual<T> value) => T.IsOddInteger(value.Value);

    public static bool IsPositive(Dual<T> value) => T.IsPositive(value.Value);

    public static bool IsPositiveInfinity(Dual<T> value) => T.IsPositiveInfinity(value.Value);

    public static bool IsRealNumber(Dual<T> value) => T.IsRealNumber(value.Value);

    public static bool IsSubnormal(Dual<T> value) => T.IsSubnormal(value.Value);

    public static bool IsZero(Dual<T> value) => T.IsZero(value.Value);

    public static Dual<T> MaxMagnitude(Dual<T> x, Dual<T> y) => T.MaxMagnitude(x.Value, y.Value) == x.Value ? x : y;

    public static Dual<T> MaxMagnitudeNumber(Dual<T> x, Dual<T> y) => T.MaxMagnitudeNumber(x.Value, y.Value) == x.Value ? x : y;

    public static Dual<T> MinMagnitude(Dual<T> x, Dual<T> y) => T.MinMagnitude(x.Value, y.Value) == x.Value ? x : y;

    public static Dual<T> MinMagnitudeNumber(Dual<T> x, Dual<T> y) => T.MinMagnitudeNumber(x.Value, y.Value) == x.Value ? x : y;

    // ---- conversions: from any number a constant; to another type, the value ----

    public static Dual<T> CreateChecked<TOther>(TOther value) where TOther : INumberBase<TOther> =>
        value is Dual<T> dual ? dual : Constant(T.CreateChecked(value));

    public static Dual<T> CreateSaturating<TOther>(TOther value) where TOther : INumberBase<TOther> =>
        value is Dual<T> dual ? dual : Constant(T.CreateSaturating(value));

    public static Dual<T> CreateTruncating<TOther>(TOther value) where TOther : INumberBase<TOther> =>
        value is Dual<T> dual ? dual : Constant(T.CreateTruncating(value));

    static bool INumberBase<Dual<T>>.TryConvertFromChecked<TOther>(TOther value, out Dual<T> result)
    {
        result = CreateChecked(value);
        return true;
    }

    static bool INumberBase<Dual<T>>.TryConvertFromSaturating<TOther>(TOther value, out Dual<T> result)
    {
        result = CreateSaturating(value);
        return true;
    }

    static bool INumberBase<Dual<T>>.TryConvertFromTruncating<TOther>(TOther value, out Dual<T> result)
    {
        result = CreateTruncating(value);
        return true;
    }

    static bool INumberBase<Dual<T>>.TryConvertToChecked<TOther>(Dual<T> value, [MaybeNullWhen(false)] out TOther result)
    {
        result = TOther.CreateChecked(value.Value);
        return true;
    }

    static bool INumberBase<Dual<T>>.TryConvertToSaturating<TOther>(Dual<T> value, [MaybeNullWhen(false)] out TOther result)
    {
        result = TOther.CreateSaturating(value.Value);
        return true;
    }

    static bool INumberBase<Dual<T>>.TryConvertToTruncating<TOther>(Dual<T> value, [MaybeNullWhen(false)] out TOther result)
    {
        result = TOther.CreateTruncating(value.Value);
        return true;
    }

    // ---- text: "v + tε"; parsing reads a constant ----

    public override string ToString() => ToString("R", CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        $"{Value.ToString(format, formatProvider)} + {Tangent.ToString(format, formatProvider)}ε";

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        string text = ToString(format.Length == 0 ? null : format.ToString(), provider);
        if (text.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }
        text.AsSpan().CopyTo(destination);
        charsWritten = text.Length;
        return true;
    }

    public static Dual<T> Parse(string s, IFormatProvider? provider) => Constant(T.Parse(s, provider));

    public static Dual<T> Parse(string s, NumberStyles style, IFormatProvider? provider) => Constant(T.Parse(s, style, provider));

    public static Dual<T> Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Constant(T.Parse(s, provider));

    public static Dual<T> Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => Constant(T.Parse(s, style, provider));

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out Dual<T> result) =>
        TryParse(s.AsSpan(), NumberStyles.Float, provider, out result);

    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out Dual<T> result) =>
        TryParse(s.AsSpan(), style, provider, out result);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out Dual<T> result) =>
        TryParse(s, NumberStyles.Float, provider, out result);

    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, [MaybeNullWhen(false)] out Dual<T> result)
    {
        bool parsed = T.TryParse(s, style, provider, out T? value);
        result = parsed ? Constant(value!) : default;
        return parsed;
    }
}

/// <summary>Spans of dual numbers built from doubles, and their parts.</summary>
public static class Duals
{
    /// <summary>Dual numbers with the given values and tangents (tangent 0 where <paramref name="tangents"/> is null).</summary>
    public static Dual<double>[] Of(ReadOnlySpan<double> values, ReadOnlySpan<double> tangents = default)
    {
        var duals = new Dual<double>[values.Length];
        for (int n = 0; n < values.Length; n++) duals[n] = new(values[n], tangents.IsEmpty ? 0 : tangents[n]);
        return duals;
    }

    /// <summary>The values.</summary>
    public static double[] Values(ReadOnlySpan<Dual<double>> duals)
    {
        var values = new double[duals.Length];
        for (int n = 0; n < duals.Length; n++) values[n] = duals[n].Value;
        return values;
    }

    /// <summary>The tangents.</summary>
    public static double[] Tangents(ReadOnlySpan<Dual<double>> duals)
    {
        var tangents = new double[duals.Length];
        for (int n = 0; n < duals.Length; n++) tangents[n] = duals[n].Tangent;
        return tangents;
    }
}
