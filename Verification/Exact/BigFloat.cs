using System;
using System.Numerics;

namespace ReferenceNN.Verification.Exact;

/// <summary>
/// A binary floating-point number with a <see cref="Precision"/>-bit mantissa on <see cref="BigInteger"/> and an
/// unbounded exponent: value = Mantissa·2^Exponent. Every operation rounds to nearest at 2^−<see cref="Precision"/>
/// relative, so a chain of a few hundred operations stays within 2^−180 relative — far below a double's 2^−53, which
/// is what an error measured in double ulps needs. The exponent never overflows, so e^1000 or e^−2000 are just numbers.
/// Written for the verification from the series below, independently of the library and of the platform's maths.
/// </summary>
public readonly struct BigFloat : IComparable<BigFloat>
{
    /// <summary>Bits of mantissa.</summary>
    public const int Precision = 200;

    private BigFloat(BigInteger mantissa, long exponent)
    {
        Mantissa = mantissa;
        Exponent = exponent;
    }

    /// <summary>The signed mantissa: 0, or exactly <see cref="Precision"/> bits.</summary>
    public BigInteger Mantissa { get; }

    /// <summary>The power of two the mantissa is scaled by.</summary>
    public long Exponent { get; }

    public static BigFloat Zero => default;

    public static BigFloat One => Of(1);

    public bool IsZero => Mantissa.IsZero;

    public int Sign => Mantissa.Sign;

    /// <summary>The exponent of the leading bit: 2^TopExponent ≤ |x| &lt; 2^(TopExponent + 1).</summary>
    public long TopExponent => Exponent + Precision - 1;

    /// <summary>m·2ᵉ rounded to <see cref="Precision"/> bits, to nearest (ties away from zero).</summary>
    public static BigFloat Create(BigInteger mantissa, long exponent)
    {
        if (mantissa.IsZero) return default;
        bool negative = mantissa.Sign < 0;
        BigInteger magnitude = BigInteger.Abs(mantissa);
        long excess = (long)magnitude.GetBitLength() - Precision;
        if (excess > 0)
        {
            BigInteger half = BigInteger.One << (int)(excess - 1);
            magnitude = (magnitude + half) >> (int)excess;
            exponent += excess;
            if (magnitude.GetBitLength() > Precision)
            {
                magnitude >>= 1;
                exponent++;
            }
        }
        else if (excess < 0)
        {
            magnitude <<= (int)-excess;
            exponent += excess;
        }
        return new BigFloat(negative ? -magnitude : magnitude, exponent);
    }

    public static BigFloat Of(long value) => Create(value, 0);

    /// <summary>The exact value of a finite double.</summary>
    /// <exception cref="ArgumentException">The double is NaN or infinite.</exception>
    public static BigFloat Of(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"BigFloat: {value} is not finite.", nameof(value));
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        return Create(bits < 0 ? -(BigInteger)mantissa : mantissa, exponent - 1075);
    }

    /// <summary>The exact value of a rational, rounded to <see cref="Precision"/> bits.</summary>
    public static BigFloat Of(Rational value) => Of(value.Numerator) / Of(value.Denominator);

    private static BigFloat Of(BigInteger value) => Create(value, 0);

    /// <summary>x·2ⁿ, exactly.</summary>
    public BigFloat ScaleB(long n) => IsZero ? this : new BigFloat(Mantissa, Exponent + n);

    public static BigFloat operator +(BigFloat a, BigFloat b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        if (a.Exponent < b.Exponent) (a, b) = (b, a);
        // a has the larger exponent. If b lies entirely below a's rounding unit (by a margin), a is the sum to within
        // half a unit of a's last bit; otherwise align exactly.
        long shift = a.Exponent - b.Exponent;
        if (shift > Precision + 8) return Create((a.Mantissa << 2) + b.Sign, a.Exponent - 2);
        return Create((a.Mantissa << (int)shift) + b.Mantissa, b.Exponent);
    }

    public static BigFloat operator -(BigFloat a) => new(-a.Mantissa, a.Exponent);

    public static BigFloat operator -(BigFloat a, BigFloat b) => a + -b;

    public static BigFloat operator *(BigFloat a, BigFloat b) =>
        a.IsZero || b.IsZero ? default : Create(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    /// <exception cref="DivideByZeroException">b is 0.</exception>
    public static BigFloat operator /(BigFloat a, BigFloat b)
    {
        if (b.IsZero) throw new DivideByZeroException("BigFloat: division by 0.");
        if (a.IsZero) return default;
        const int extra = Precision + 4;
        return Create((a.Mantissa << extra) / b.Mantissa, a.Exponent - b.Exponent - extra);
    }

    public static bool operator <(BigFloat a, BigFloat b) => a.CompareTo(b) < 0;

    public static bool operator >(BigFloat a, BigFloat b) => a.CompareTo(b) > 0;

    public int CompareTo(BigFloat other) => (this - other).Sign;

    public BigFloat Abs() => Sign < 0 ? -this : this;

    /// <summary>The nearest double, ties to even, subnormals included; ±∞ beyond the largest double.</summary>
    public double ToDouble()
    {
        if (IsZero) return 0.0;
        bool negative = Sign < 0;
        BigInteger magnitude = BigInteger.Abs(Mantissa);
        long unit = Math.Max(TopExponent - 52, -1074); // the exponent of the result's last bit
        if (unit > 971) return negative ? double.NegativeInfinity : double.PositiveInfinity;
        long shift = unit - Exponent;
        BigInteger q;
        if (shift <= 0) q = magnitude << (int)-shift;
        else if (shift > Precision + 2) q = BigInteger.Zero; // far below half the smallest subnormal
        else
        {
            q = magnitude >> (int)shift;
            BigInteger remainder = magnitude - (q << (int)shift);
            int half = (remainder << 1).CompareTo(BigInteger.One << (int)shift);
            if (half > 0 || (half == 0 && !q.IsEven)) q++;
        }
        double result = Math.ScaleB((double)q, (int)unit);
        return negative ? -result : result;
    }

    /// <summary>The spacing of doubles at |x|: 2^max(⌊log2|x|⌋ − 52, −1074).</summary>
    public static BigFloat UlpOfDouble(BigFloat x) =>
        One.ScaleB(Math.Max(x.IsZero ? -1074 : x.TopExponent - 52, -1074));

    /// <summary>(approximation − this)/ulp(this) in double ulps at this value (0 when both are 0).</summary>
    public double UlpsTo(double approximation)
    {
        if (double.IsNaN(approximation)) return double.NaN;
        if (double.IsInfinity(approximation)) return double.PositiveInfinity;
        return ((Of(approximation) - this) / UlpOfDouble(this)).ToDouble();
    }

    public override string ToString() => ToDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Elementary functions on <see cref="BigFloat"/>, from their series: ln 2 from 2·atanh(1/3); eˣ by x = k·ln 2 + r,
/// r/2¹⁰ in a Taylor series, squared ten times; ln x by x = m·2ᵉ, ln m = 2·atanh((m − 1)/(m + 1)); ln(1 + x) for small
/// x as 2·atanh(x/(2 + x)) and eˣ − 1 for small x as its Taylor series, so that neither loses digits near 0.
/// </summary>
public static class HighPrecision
{
    private static readonly BigFloat Epsilon = BigFloat.One.ScaleB(-BigFloat.Precision - 8);

    /// <summary>ln 2.</summary>
    public static BigFloat Ln2 { get; } = AtanhSeries(BigFloat.One / BigFloat.Of(3)).ScaleB(1);

    /// <summary>atanh w = Σ w^(2k+1)/(2k+1), for |w| ≤ 1/3.</summary>
    private static BigFloat AtanhSeries(BigFloat w)
    {
        BigFloat w2 = w * w, power = w, sum = w;
        for (long k = 1; ; k++)
        {
            power *= w2;
            BigFloat term = power / BigFloat.Of(2 * k + 1);
            sum += term;
            if (term.IsZero || term.Abs() < (sum * Epsilon).Abs()) return sum;
        }
    }

    /// <summary>eˣ.</summary>
    public static BigFloat Exp(BigFloat x)
    {
        if (x.IsZero) return BigFloat.One;
        // k = round(x / ln 2), r = x − k·ln 2, |r| ≤ ln 2 / 2
        double estimate = (x / Ln2).ToDouble();
        if (Math.Abs(estimate) > 1e15) throw new OverflowException("HighPrecision.Exp: argument too large.");
        long k = (long)Math.Round(estimate);
        BigFloat r = x - Ln2 * BigFloat.Of(k);
        const int halvings = 10;
        BigFloat y = r.ScaleB(-halvings);
        // Taylor series of e^y, |y| < 2^−10
        BigFloat sum = BigFloat.One, term = BigFloat.One;
        for (long n = 1; ; n++)
        {
            term = term * y / BigFloat.Of(n);
            sum += term;
            if (term.IsZero || term.Abs() < Epsilon) break;
        }
        for (int n = 0; n < halvings; n++) sum *= sum;
        return sum.ScaleB(k);
    }

    /// <summary>eˣ − 1, without cancellation near 0.</summary>
    public static BigFloat ExpM1(BigFloat x)
    {
        if (x.IsZero) return x;
        if (x.Abs() > BigFloat.One.ScaleB(-2)) return Exp(x) - BigFloat.One;
        BigFloat sum = x, term = x;
        for (long n = 2; ; n++)
        {
            term = term * x / BigFloat.Of(n);
            sum += term;
            if (term.IsZero || term.Abs() < (sum * Epsilon).Abs()) return sum;
        }
    }

    /// <summary>ln x for x &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">x ≤ 0.</exception>
    public static BigFloat Log(BigFloat x)
    {
        if (x.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(x), "HighPrecision.Log: x must be positive.");
        // x = m·2^e with m in [1, 2); then m in [1/√2, √2) by moving one factor 2
        long e = x.TopExponent;
        BigFloat m = x.ScaleB(-e);
        if (m > BigFloat.Of(1.4142135623730951))
        {
            m = m.ScaleB(-1);
            e++;
        }
        BigFloat lnM = AtanhSeries((m - BigFloat.One) / (m + BigFloat.One)).ScaleB(1);
        return Ln2 * BigFloat.Of(e) + lnM;
    }

    /// <summary>ln(1 + x) for x &gt; −1, without cancellation near 0.</summary>
    public static BigFloat Log1P(BigFloat x)
    {
        if (x.Abs() > BigFloat.One.ScaleB(-2)) return Log(BigFloat.One + x);
        return AtanhSeries(x / (BigFloat.Of(2) + x)).ScaleB(1);
    }

    /// <summary>tanh x = (e^(2x) − 1)/(e^(2x) + 1), odd, as t/(t + 2) with t = e^(2|x|) − 1.</summary>
    public static BigFloat Tanh(BigFloat x)
    {
        BigFloat t = ExpM1(x.Abs().ScaleB(1));
        BigFloat tanh = t / (t + BigFloat.Of(2));
        return x.Sign < 0 ? -tanh : tanh;
    }

    /// <summary>tanh′ x = sech²x = 1/cosh²x, cosh x = (eˣ + e⁻ˣ)/2.</summary>
    public static BigFloat TanhDerivative(BigFloat x)
    {
        BigFloat e = Exp(x);
        BigFloat cosh = (e + BigFloat.One / e).ScaleB(-1);
        return BigFloat.One / (cosh * cosh);
    }

    /// <summary>σ(x) = 1/(1 + e⁻ˣ).</summary>
    public static BigFloat Sigmoid(BigFloat x) => BigFloat.One / (BigFloat.One + Exp(-x));

    /// <summary>σ′(x) = e⁻ˣ/(1 + e⁻ˣ)².</summary>
    public static BigFloat SigmoidDerivative(BigFloat x)
    {
        BigFloat e = Exp(-x), d = BigFloat.One + e;
        return e / (d * d);
    }

    /// <summary>softplus x = ln(1 + eˣ): for x ≤ 0 through ln(1 + ·) of the small eˣ; for x &gt; 0 directly.</summary>
    public static BigFloat Softplus(BigFloat x) => x.Sign <= 0 ? Log1P(Exp(x)) : Log(BigFloat.One + Exp(x));
}
