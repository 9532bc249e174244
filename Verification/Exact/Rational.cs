using System;
using System.Globalization;
using System.Numerics;

namespace ReferenceNN.Verification.Exact;

/// <summary>
/// An exact rational number n/d on <see cref="BigInteger"/> (d &gt; 0, gcd(n, d) = 1): the arithmetic of the exact
/// evaluator. Every double is a dyadic rational m·2ᵉ and converts exactly (<see cref="FromDouble"/>); a result
/// converts back rounded to the nearest double, ties to even (<see cref="ToDouble"/>), as one IEEE operation would.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger _denominator;

    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        _denominator = denominator;
    }

    /// <summary>The numerator n (carries the sign).</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator d &gt; 0 (1 for the default value, zero).</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

    public static Rational One => new(BigInteger.One, BigInteger.One);

    /// <summary>n/d in lowest terms.</summary>
    /// <exception cref="DivideByZeroException">d is 0.</exception>
    public static Rational Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("Rational: denominator 0.");
        if (denominator.Sign < 0) (numerator, denominator) = (-numerator, -denominator);
        BigInteger g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return g.IsOne || g.IsZero ? new Rational(numerator, denominator) : new Rational(numerator / g, denominator / g);
    }

    public static Rational Of(long value) => Of(value, 1);

    /// <summary>The exact value of a finite double.</summary>
    /// <exception cref="ArgumentException">The double is NaN or infinite.</exception>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"Rational: {value} is not finite.", nameof(value));
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        int power = exponent - 1075; // value = mantissa·2^power
        BigInteger n = negative ? -(BigInteger)mantissa : mantissa;
        return power >= 0 ? Of(n << power, 1) : Of(n, BigInteger.One << -power);
    }

    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator == b.Denominator ? Of(a.Numerator + b.Numerator, a.Denominator)
            : Of(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) => Of(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <exception cref="DivideByZeroException">b is 0.</exception>
    public static Rational operator /(Rational a, Rational b) => Of(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public int Sign => Numerator.Sign;

    public bool IsZero => Numerator.IsZero;

    public Rational Abs() => Numerator.Sign < 0 ? -this : this;

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>True when the value is a double exactly.</summary>
    public bool IsDouble => double.IsFinite(ToDouble()) && FromDouble(ToDouble()) == this;

    /// <summary>
    /// The nearest double, ties to even, subnormals included (±∞ beyond the largest double). Zero gives +0.
    /// </summary>
    public double ToDouble()
    {
        if (Numerator.IsZero) return 0.0;
        bool negative = Numerator.Sign < 0;
        BigInteger a = BigInteger.Abs(Numerator), b = Denominator;
        // Find e with 2^52 ≤ a/(b·2^e) < 2^53, at least −1074 (below that, the subnormals' fixed spacing 2^−1074).
        long e = (long)a.GetBitLength() - (long)b.GetBitLength() - 53;
        while (Scaled(a, b, e) >= BigInteger.One << 53) e++;
        while (e > -1074 && Scaled(a, b, e) < BigInteger.One << 52) e--;
        if (e < -1074) e = -1074;
        (BigInteger numerator, BigInteger denominator) = e >= 0 ? (a, b << (int)e) : (a << (int)-e, b);
        BigInteger q = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int half = (remainder * 2).CompareTo(denominator);
        if (half > 0 || (half == 0 && !q.IsEven)) q++;
        if (e > 971) return negative ? double.NegativeInfinity : double.PositiveInfinity;
        double magnitude = Math.ScaleB((double)q, (int)e);
        return negative ? -magnitude : magnitude;
    }

    private static BigInteger Scaled(BigInteger a, BigInteger b, long e) => e >= 0 ? a / (b << (int)e) : (a << (int)-e) / b;

    public override string ToString() =>
        Denominator.IsOne ? Numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
