using System;
using System.Linq;
using System.Numerics;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Exact;

/// <summary>The exact evaluator's arithmetic: exact conversions and rounding to the nearest double, ties to even.</summary>
public class RationalTests
{
    [Fact]
    public void FromDouble_IsExact_AndToDoubleRoundTrips_OverEveryBinade()
    {
        var random = new Rng(Streams.ForRun(nameof(FromDouble_IsExact_AndToDoubleRoundTrips_OverEveryBinade)).Input);
        var values = new double[2000];
        WideValues.Fill(values, random, 1000);
        foreach (double x in values.Concat([5e-324, -1e-310, 2.2250738585072014e-308, double.MaxValue]))
        {
            Rational r = Rational.FromDouble(x);
            Assert.Equal(x, r.ToDouble());
            Assert.True(r.IsDouble);
        }
        Assert.Equal(Rational.Of(1, 1L << 52) * Rational.Of(1, 1L << 62) * Rational.Of(1, BigInteger.Pow(2, 960)), Rational.FromDouble(5e-324));
        Assert.Equal(Rational.Of(-3, 8), Rational.FromDouble(-0.375));
        Assert.Throws<ArgumentException>(() => Rational.FromDouble(double.NaN));
    }

    [Fact]
    public void ToDouble_RoundsToNearest_TiesToEven_SubnormalsAndOverflow()
    {
        BigInteger two53 = BigInteger.One << 53;
        Assert.Equal(9007199254740992.0, Rational.Of(two53 + 1, 1).ToDouble());        // tie → even (2⁵³)
        Assert.Equal(9007199254740996.0, Rational.Of(two53 + 3, 1).ToDouble());        // tie → even (2⁵³ + 4)
        Assert.Equal(9007199254740994.0, Rational.Of(4 * two53 + 5, 4).ToDouble());    // above the tie → up
        Assert.Equal(1.0 / 3, Rational.Of(1, 3).ToDouble());
        Assert.Equal(-2.0 / 3, Rational.Of(2, -3).ToDouble());
        Assert.Equal(0.1, Rational.Of(1, 10).ToDouble());
        BigInteger tiny = BigInteger.One << 1075;                                       // 2^−1075: half the smallest subnormal
        Assert.Equal(0.0, Rational.Of(1, tiny).ToDouble());                             // tie → even (0)
        Assert.Equal(5e-324, Rational.Of(3, tiny * 2).ToDouble());                      // ¾·2^−1074 → 2^−1074
        Assert.Equal(1e-310, Rational.FromDouble(1e-310).ToDouble());
        Assert.Equal(double.PositiveInfinity, Rational.Of(BigInteger.One << 1024, 1).ToDouble());
        Assert.Equal(double.MaxValue, Rational.FromDouble(double.MaxValue).ToDouble());
        Assert.False(Rational.Of(1, 3).IsDouble);
    }

    [Fact]
    public void Arithmetic_IsExact()
    {
        Rational third = Rational.Of(1, 3);
        Assert.Equal(Rational.One, third + third + third);
        Assert.Equal(Rational.Of(1, 9), third * third);
        Assert.Equal(Rational.Of(3), Rational.One / third);
        Assert.Equal(Rational.Of(-2, 3), third - Rational.One);
        Assert.True(third < Rational.Of(1, 2) && Rational.Of(-1) < third && third.Sign == 1 && (-third).Abs() == third);
        Assert.Equal(Rational.FromDouble(0.1) + Rational.FromDouble(0.2), Rational.FromDouble(0.1) + Rational.FromDouble(0.2));
        Assert.NotEqual(Rational.FromDouble(0.3), Rational.FromDouble(0.1) + Rational.FromDouble(0.2)); // 0.1 + 0.2 ≠ 0.3 exactly
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
        Assert.Equal("1/3", third.ToString());
    }
}
