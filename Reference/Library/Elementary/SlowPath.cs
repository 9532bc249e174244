using System;
using System.Numerics;

namespace ReferenceNN;

/// <summary>The five functions, for the slow path's dispatch.</summary>
internal enum ElementaryFunction
{
    /// <summary>e^x.</summary>
    Exp,

    /// <summary>e^x − 1.</summary>
    ExpM1,

    /// <summary>The natural logarithm.</summary>
    Log,

    /// <summary>log(1 + x).</summary>
    Log1P,

    /// <summary>The hyperbolic tangent.</summary>
    Tanh,
}

/// <summary>
/// An enclosure of a real number y: <c>|y − Mantissa·2^Exponent| ≤ Error·2^Exponent</c>.
/// </summary>
internal readonly struct Enclosure
{
    public readonly BigInteger Mantissa;
    public readonly int Exponent;
    public readonly BigInteger Error;

    public Enclosure(BigInteger mantissa, int exponent, BigInteger error)
    {
        Mantissa = mantissa;
        Exponent = exponent;
        Error = error;
    }
}

/// <summary>
/// The slow path: the five functions in exact big-number fixed-point arithmetic
/// (<see cref="BigInteger"/> scaled by a power of two), each returning an <see cref="Enclosure"/> whose
/// error bound is derived step by step below, and Ziv's loop that doubles the precision until both ends
/// of the enclosure round to the same double. Used only when the fast path's rounding test fails.
/// Every fixed-point step truncates (toward zero or toward −∞); "unit" means 2^−w at working precision w.
/// </summary>
internal static class SlowPath
{
    /// <summary>
    /// The first precision tried, in bits; each enclosure is at least this many bits accurate. The published
    /// hard-to-round cases (Lefèvre and Muller; CORE-MATH's worst-case files) have at most 64 identical bits
    /// after the rounding bit, so about 118 bits decide them; the loop doubles the precision if ever needed.
    /// </summary>
    internal const int InitialPrecision = 192;

    /// <summary>exp(x), correctly rounded, for any double x.</summary>
    internal static double Exp(double x) => Round(ElementaryFunction.Exp, x);

    /// <summary>exp(x) − 1, correctly rounded, for any double x.</summary>
    internal static double ExpM1(double x) => Round(ElementaryFunction.ExpM1, x);

    /// <summary>log(x), correctly rounded, for a finite x &gt; 0 with x ≠ 1.</summary>
    internal static double Log(double x) => Round(ElementaryFunction.Log, x);

    /// <summary>log(1 + x), correctly rounded, for a finite x &gt; −1 with x ≠ 0.</summary>
    internal static double Log1P(double x) => Round(ElementaryFunction.Log1P, x);

    /// <summary>tanh(x), correctly rounded, for a finite x ≠ 0.</summary>
    internal static double Tanh(double x) => Round(ElementaryFunction.Tanh, x);

    /// <summary>
    /// Ziv's loop: encloses f(x) at precision p = 192, 384, 768, ... bits until both ends of the enclosure
    /// round to the same double. It terminates whenever f(x) is not itself a rounding boundary (a midpoint
    /// between two doubles, or the overflow threshold), which holds for every x the callers pass: the
    /// exact cases (exp(0), log(1), expm1(0), log1p(0), tanh(0)) are answered before the slow path.
    /// </summary>
    internal static double Round(ElementaryFunction f, double x)
    {
        for (int p = InitialPrecision; ; p *= 2)
        {
            Enclosure e = Enclose(f, x, p);
            double low = RoundToNearestEven(e.Mantissa - e.Error, e.Exponent);
            double high = RoundToNearestEven(e.Mantissa + e.Error, e.Exponent);
            if (BitConverter.DoubleToInt64Bits(low) == BitConverter.DoubleToInt64Bits(high))
            {
                return low;
            }
        }
    }

    /// <summary>
    /// The sign of f(x) − y for a finite double y, decided by enclosures of increasing precision:
    /// −1 or +1. Never 0 for the callers' arguments, where f(x) is irrational.
    /// </summary>
    internal static int CompareExact(ElementaryFunction f, double x, double y)
    {
        for (int p = InitialPrecision; ; p *= 2)
        {
            Enclosure e = Enclose(f, x, p);
            (BigInteger ym, int ye) = Decompose(y);
            int shift = ye - e.Exponent;
            BigInteger low = e.Mantissa - e.Error, high = e.Mantissa + e.Error;
            BigInteger target;
            if (shift >= 0)
            {
                target = ym << shift;
            }
            else
            {
                target = ym;
                low <<= -shift;
                high <<= -shift;
            }

            if (low > target)
            {
                return 1;
            }

            if (high < target)
            {
                return -1;
            }
        }
    }

    /// <summary>An enclosure of f(x) at least <paramref name="precision"/> bits accurate (relative).</summary>
    internal static Enclosure Enclose(ElementaryFunction f, double x, int precision) => f switch
    {
        ElementaryFunction.Exp => EncloseExp(x, precision),
        ElementaryFunction.ExpM1 => EncloseExpM1(x, precision),
        ElementaryFunction.Log => EncloseLog(x, precision),
        ElementaryFunction.Log1P => EncloseLog1P(x, precision),
        _ => EncloseTanh(x, precision),
    };

    /// <summary>
    /// exp(x) = 2^k·exp(r) with k = round(x / log 2) and r = x − k·log 2, |r| ≤ 0.35.
    /// Working precision w = p + 64. R = x·2^w − k·L where L is log 2 to within 1 unit, so
    /// |R − r·2^w| ≤ |k| + 1 units (x·2^w is truncated: 1 unit). <see cref="ExpOfReduced"/> returns E with
    /// |E − exp(R/2^w)·2^w| ≤ 2, and exp(r) = exp(R/2^w)·(1 + η) with |η| ≤ 1.01·(|k| + 1)·2^−w.
    /// Since E &lt; 1.42·2^w, the total error is below 1.01·1.42·(|k| + 1) + 2 ≤ 2|k| + 4 units of 2^(k−w).
    /// </summary>
    private static Enclosure EncloseExp(double x, int p)
    {
        int w = p + 64;
        long k = (long)Math.Round(x / 0.69314718055994530942);
        BigInteger r = FixedFloor(x, w) - k * Ln2(w);
        BigInteger e = ExpOfReduced(r, w);
        return new Enclosure(e, checked((int)(k - w)), 2 * Math.Abs(k) + 4);
    }

    /// <summary>
    /// exp(x) − 1. For |x| ≤ 1, the Taylor series Σ_{n≥1} x^n/n! at working precision
    /// w = p + 64 + max(0, −ilogb(x)): x·2^w is exact, each term t_n = trunc(t_{n−1}·x/n) is within 2 units
    /// of x^n/n!·2^w (induction: δ_n ≤ δ_{n−1}·|x|/n + 1), and the series stops when a term truncates to 0,
    /// leaving a tail below 4 units: error ≤ 2N + 4 units for N terms. Since |e^x − 1| ≥ 0.63·|x|, this is
    /// at least p + 60 bits relative. For |x| &gt; 1, exp(x) from <see cref="EncloseExp"/> minus 1 (exact):
    /// |e^x − 1| ≥ 0.63·e^x there (x &gt; 1) or ≥ 0.63 (x &lt; −1), so the relative error grows by at most 1/0.63.
    /// </summary>
    private static Enclosure EncloseExpM1(double x, int p)
    {
        if (Math.Abs(x) > 1)
        {
            Enclosure e = EncloseExp(x, p + 2);
            if (e.Exponent >= 0)
            {
                BigInteger m = e.Mantissa << e.Exponent;
                return new Enclosure(m - 1, 0, e.Error << e.Exponent);
            }

            return new Enclosure(e.Mantissa - (BigInteger.One << -e.Exponent), e.Exponent, e.Error);
        }

        int w = p + 64 + Math.Max(0, -Math.ILogB(x));
        BigInteger xw = FixedFloor(x, w);
        BigInteger scale = BigInteger.One << w;
        BigInteger sum = 0, term = xw;
        int n = 1;
        while (!term.IsZero)
        {
            sum += term;
            n++;
            term = term * xw / (scale * n);
        }

        return new Enclosure(sum, -w, 2 * n + 4);
    }

    /// <summary>log(x) for a positive finite double x ≠ 1: x = m·2^q exactly, see <see cref="LogOfRational"/>.</summary>
    private static Enclosure EncloseLog(double x, int p)
    {
        (BigInteger m, int q) = Decompose(x);
        return q >= 0 ? LogOfRational(m << q, 0, p) : LogOfRational(m, -q, p);
    }

    /// <summary>
    /// log(1 + x) for a finite x &gt; −1, x ≠ 0: 1 + x = (m + 2^−q)·2^q exactly (m·2^q = x), see
    /// <see cref="LogOfRational"/>; |log(1 + x)| ≥ |x|/2 for |x| ≤ 1, which sets the extra precision.
    /// </summary>
    private static Enclosure EncloseLog1P(double x, int p)
    {
        (BigInteger m, int q) = Decompose(x);
        int extra = Math.Max(0, -Math.ILogB(x)) + 2;
        return q >= 0
            ? LogOfRational((m << q) + 1, 0, p + extra)
            : LogOfRational(m + (BigInteger.One << -q), -q, p + extra);
    }

    /// <summary>
    /// tanh(x) = E/(E + 2) with E = e^(2|x|) − 1 from <see cref="EncloseExpM1"/>, the sign of x restored.
    /// E is known to a relative error η ≤ Error/|Mantissa|; d/dE of E/(E + 2) is 2/(E + 2)², so the relative
    /// error of the quotient is at most η·2/(E + 2) ≤ η. The quotient is formed at working precision
    /// w = p + 64 + max(0, −ilogb(x)) and truncated (1 unit): error ≤ Q·η + 1 ≤ ⌈Q·Error/Mantissa⌉ + 1 units.
    /// </summary>
    private static Enclosure EncloseTanh(double x, int p)
    {
        double a = Math.Abs(x);
        int extra = Math.Max(0, -Math.ILogB(a));
        Enclosure e = EncloseExpM1(2 * a, p + extra + 8);
        int w = p + 64 + extra;
        BigInteger two = BigInteger.One << (1 - e.Exponent);
        BigInteger q = (e.Mantissa << w) / (e.Mantissa + two);
        BigInteger error = q * e.Error / e.Mantissa + 2;
        return new Enclosure(x < 0 ? -q : q, -w, error);
    }

    /// <summary>
    /// log(n·2^−f) for n &gt; 0 at least p bits accurate when the result is at least 2^−60 in magnitude
    /// (callers add the bits a smaller result needs to p). With b the bit length of n, write
    /// n·2^−f = m·2^E where m ∈ [√2/2, √2): m = n·2^−b, E = b − f if n² ≥ 2^(2b−1), else m = n·2^(1−b),
    /// E = b − f − 1. Then log = E·log 2 + 2·atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.1716, at working
    /// precision w = p + 128. Error budget in units: M = m·2^w truncated, ≤ 1.5 after log (m ≥ 0.7);
    /// Z = trunc((M − 2^w)·2^w/(M + 2^w)): 1 unit, times 2/(1 − z²) ≤ 2.07; Z2 = ⌊Z²/2^w⌋: 1 unit;
    /// terms t_j = trunc(t_{j−1}·Z2/2^w) within δ_j ≤ 0.03·δ_{j−1} + 0.18 + 1 ≤ 1.22; each quotient
    /// t_j/(2j + 1) adds 1 (≤ 2.22 per term), the tail after the first zero term is below 2.3, and the sum is
    /// doubled: ≤ 4.44·J + 4.6 for J terms; E·L with L within 1 unit of log 2: |E|. Total ≤ |E| + 5J + 10.
    /// </summary>
    private static Enclosure LogOfRational(BigInteger n, int f, int p)
    {
        int w = p + 128;
        long b = (long)n.GetBitLength();
        long exponent = b - f;
        long shift = w - b;
        if (n * n < BigInteger.One << (int)(2 * b - 1))
        {
            exponent--;
            shift++;
        }

        BigInteger scale = BigInteger.One << w;
        BigInteger m = shift >= 0 ? n << (int)shift : n >> (int)-shift;
        BigInteger z = ((m - scale) << w) / (m + scale);
        BigInteger z2 = (z * z) >> w;
        BigInteger sum = 0, term = z;
        int j = 0;
        while (!term.IsZero)
        {
            sum += term / (2 * j + 1);
            j++;
            term = term * z2 / scale; // truncation toward zero: a negative term also reaches 0
        }

        BigInteger result = exponent * Ln2(w) + 2 * sum;
        return new Enclosure(result, -w, Math.Abs(exponent) + 5L * j + 10);
    }

    /// <summary>
    /// Given R = r·2^w exactly with |r| ≤ 0.36, returns E with |E − exp(r)·2^w| ≤ 2.
    /// Internally at W = w + 32 bits: r' = r/2^12 exactly (R·2^20); the Taylor series of exp(r') with terms
    /// t_n = trunc(t_{n−1}·r'/n) (within 1.001 units each, |r'| ≤ 2^−13) stopped at the first zero term has
    /// error ≤ N + 3 units, a relative error ε_0 ≤ 1.0002·(N + 3)·2^−W. Twelve squarings S ← ⌊S²/2^W⌋, with
    /// every intermediate value ≥ exp(−0.36) &gt; 0.69, give ε_{j+1} ≤ 2ε_j + ε_j² + 1.45·2^−W, hence
    /// ε_12 ≤ 2^12·1.01·(N + 4.5)·2^−W. Shifting back by 32 bits (floor, 1 unit) leaves
    /// 1.42·2^12·1.01·(N + 4.5)·2^−32 + 1 ≤ 2 units of 2^−w for N below 10^5 terms.
    /// </summary>
    private static BigInteger ExpOfReduced(BigInteger r, int w)
    {
        const int Squarings = 12;
        const int Guard = 32;
        int big = w + Guard;
        BigInteger scale = BigInteger.One << big;
        BigInteger rSmall = r << (Guard - Squarings);
        BigInteger sum = scale, term = scale;
        int n = 0;
        while (!term.IsZero)
        {
            n++;
            term = term * rSmall / (scale * n);
            sum += term;
        }

        for (int i = 0; i < Squarings; i++)
        {
            sum = (sum * sum) >> big;
        }

        return sum >> Guard;
    }

    /// <summary>
    /// L with |L − log(2)·2^w| ≤ 1, from log 2 = Σ_{j≥0} 2/((2j + 1)·3^(2j+1)) at w + 32 bits: the terms
    /// t_j = ⌊t_{j−1}/9⌋ are within 9/8 units, each quotient adds 1, the tail after the first zero term is
    /// below 3: error ≤ 3J for J &lt; w terms, then ≤ 3J/2^32 + 1/2 ≤ 1 after rounding off the 32 guard bits.
    /// </summary>
    internal static BigInteger Ln2(int w)
    {
        const int Guard = 32;
        int big = w + Guard;
        BigInteger term = (BigInteger.One << (big + 1)) / 3;
        BigInteger sum = 0;
        for (int j = 0; !term.IsZero; j++)
        {
            sum += term / (2 * j + 1);
            term /= 9;
        }

        return (sum + (BigInteger.One << (Guard - 1))) >> Guard;
    }

    /// <summary>⌊x·2^w⌋ for a finite double x (exact when x·2^w is an integer).</summary>
    private static BigInteger FixedFloor(double x, int w)
    {
        (BigInteger m, int q) = Decompose(x);
        int shift = q + w;
        return shift >= 0 ? m << shift : m >> -shift;
    }

    /// <summary>x = m·2^q exactly, with m a signed integer, for a finite double x.</summary>
    internal static (BigInteger Mantissa, int Exponent) Decompose(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long m = biased == 0 ? fraction : fraction | (1L << 52);
        int q = biased == 0 ? -1074 : biased - 1075;
        return (bits < 0 ? -m : m, q);
    }

    /// <summary>
    /// The double nearest to the exact value m·2^e (ties to even), with IEEE 754 gradual underflow
    /// (rounded on the subnormal grid 2^−1074) and overflow to ±∞ when the value rounded with an unbounded
    /// exponent is at least 2^1024. m = 0 gives +0.
    /// </summary>
    internal static double RoundToNearestEven(BigInteger m, int e)
    {
        if (m.IsZero)
        {
            return 0.0;
        }

        bool negative = m.Sign < 0;
        BigInteger a = BigInteger.Abs(m);
        long length = (long)a.GetBitLength();
        long top = length - 1 + e; // a·2^e ∈ [2^top, 2^(top+1))
        if (top > 1023)
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        long drop = top >= -1022 ? length - 53 : -1074L - e; // low bits of a below the last kept bit
        BigInteger q;
        long qe;
        if (drop <= 0)
        {
            q = a;
            qe = e;
        }
        else if (drop > length + 1)
        {
            q = BigInteger.Zero; // below a quarter of the smallest subnormal
            qe = 0;
        }
        else
        {
            q = a >> (int)drop;
            BigInteger rest = a - (q << (int)drop);
            BigInteger half = BigInteger.One << (int)(drop - 1);
            if (rest > half || (rest == half && !q.IsEven))
            {
                q += 1;
            }

            qe = e + drop;
        }

        double d = Math.ScaleB((double)(long)q, (int)qe); // q ≤ 2^53: exact unless it overflows to ∞
        return negative ? -d : d;
    }
}
