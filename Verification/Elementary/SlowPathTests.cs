using System;
using System.Numerics;
using Xunit;

namespace ReferenceNN.Verification.Elementary;

/// <summary>The big-number slow path: its exact rounding, its constants, and its enclosures.</summary>
public class SlowPathTests
{
    [Theory]
    [InlineData(1L, 0, 1.0)]
    [InlineData(3L, -1, 1.5)]
    [InlineData(1L, -1074, 5e-324)]
    [InlineData(1L, -1075, 0.0)]           // exactly half the smallest subnormal: ties to even (0)
    [InlineData(3L, -1076, 5e-324)]        // 0.75 of it: up
    [InlineData(3L, -1075, 1e-323)]        // 1.5 of it: ties to even (2)
    [InlineData(5L, -1075, 1e-323)]        // 2.5 of it: ties to even (2)
    [InlineData(-1L, 0, -1.0)]
    public void RoundsDyadicRationalsToNearestEven(long m, int e, double expected) =>
        Assert.Equal(expected, SlowPath.RoundToNearestEven(m, e));

    [Fact]
    public void RoundsAtFiftyThreeBitsWithTiesToEvenAndOverflowsAtTheRightPlace()
    {
        BigInteger one = BigInteger.One << 60;
        Assert.Equal(1.0, SlowPath.RoundToNearestEven(one + (1 << 7), -60));               // 1 + 2^−53: tie, even is 1
        Assert.Equal(1.0000000000000004, SlowPath.RoundToNearestEven(one + (3 << 7), -60)); // 1 + 3·2^−53: tie, up
        Assert.Equal(1.0000000000000002, SlowPath.RoundToNearestEven(one + (1 << 7) + 1, -60));
        BigInteger max = (BigInteger.One << 53) - 1;                                      // MaxValue = max·2^971
        Assert.Equal(double.MaxValue, SlowPath.RoundToNearestEven((max << 1) + 0, 970));
        Assert.Equal(double.PositiveInfinity, SlowPath.RoundToNearestEven((max << 1) + 1, 970)); // halfway to 2^1024
        Assert.Equal(double.MaxValue, SlowPath.RoundToNearestEven(((max << 1) + 1) * 1024 - 1, 960));
        Assert.Equal(double.NegativeInfinity, SlowPath.RoundToNearestEven(-BigInteger.One, 1024));
    }

    [Fact]
    public void LogTwoConstantIsWithinOneUnit()
    {
        // log 2 = 0.6931471805599453094172321214581765680755001343602552541206800094933936219696947...
        BigInteger reference = BigInteger.Parse("6931471805599453094172321214581765680755001343602552541206800094933936219696947");
        BigInteger scale = BigInteger.Pow(10, 79);
        for (int w = 64; w <= 256; w += 32)
        {
            BigInteger l = SlowPath.Ln2(w);
            BigInteger exact = reference * (BigInteger.One << w); // log(2)·2^w·10^79, truncated reference
            BigInteger diff = BigInteger.Abs(l * scale - exact);
            Assert.True(diff <= scale + (BigInteger.One << w), $"w = {w}");
        }
    }

    [Fact]
    public void EnclosuresAtDifferentPrecisionsOverlap()
    {
        // An enclosure whose error bound is too small shows as two enclosures that do not overlap.
        var r = new Random(2);
        foreach (ElementaryFunction f in Enum.GetValues<ElementaryFunction>())
        {
            for (int i = 0; i < 300; i++)
            {
                double x = f switch
                {
                    ElementaryFunction.Exp => Sampling.Uniform(r, -745, 709),
                    ElementaryFunction.ExpM1 => Sampling.Uniform(r, -37, 709),
                    ElementaryFunction.Log => Sampling.Bits(r, v => v > 0 && !double.IsInfinity(v) && v != 1),
                    ElementaryFunction.Log1P => Sampling.Bits(r, v => v > -1 && !double.IsInfinity(v) && v != 0),
                    _ => Sampling.Uniform(r, -19, 19),
                };
                Enclosure a = SlowPath.Enclose(f, x, 192), b = SlowPath.Enclose(f, x, 600);
                int shift = a.Exponent - b.Exponent; // b is finer: shift ≥ 0
                BigInteger distance = BigInteger.Abs((a.Mantissa << shift) - b.Mantissa);
                Assert.True(distance <= (a.Error << shift) + b.Error, $"{f}({x:R}): enclosures at 192 and 600 bits are disjoint");
            }
        }
    }

    [Fact]
    public void EnclosuresContainTheDoubleResultAndAreTight()
    {
        var r = new Random(1);
        foreach (ElementaryFunction f in Enum.GetValues<ElementaryFunction>())
        {
            for (int i = 0; i < 200; i++)
            {
                double x = f switch
                {
                    ElementaryFunction.Exp => Sampling.Uniform(r, -700, 700),
                    ElementaryFunction.ExpM1 => Sampling.Uniform(r, -30, 30),
                    ElementaryFunction.Log => Sampling.Uniform(r, 1e-3, 1e3),
                    ElementaryFunction.Log1P => Sampling.Uniform(r, -0.9, 30),
                    _ => Sampling.Uniform(r, -10, 10),
                };
                Enclosure e = SlowPath.Enclose(f, x, SlowPath.InitialPrecision);
                // at least InitialPrecision bits: error·2^p ≤ |mantissa|
                Assert.True(e.Error << SlowPath.InitialPrecision <= BigInteger.Abs(e.Mantissa), $"{f}({x}) not tight enough");
                double y = SlowPath.Round(f, x);
                Assert.Equal(1, SlowPath.CompareExact(f, x, Math.BitDecrement(y)));
                Assert.Equal(-1, SlowPath.CompareExact(f, x, Math.BitIncrement(y)));
            }
        }
    }

    [Fact]
    public void RoundToNearestEven_ZeroAndFarBelowTheSubnormals_GiveZero()
    {
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(SlowPath.RoundToNearestEven(BigInteger.Zero, 5)));
        // 1·2⁻¹²⁰⁰ is far below a quarter of the smallest subnormal 2⁻¹⁰⁷⁴: it rounds to zero.
        Assert.Equal(0.0, SlowPath.RoundToNearestEven(BigInteger.One, -1200));
        Assert.Equal(Math.ScaleB(1, -1074), SlowPath.RoundToNearestEven(BigInteger.One, -1074));
    }

    [Fact]
    public void CompareExact_AgainstAValueMuchSmallerOrLargerThanF_HasTheRightSign()
    {
        // e¹ against 1e-300 (whose exponent is far below the enclosure's) and against 1e300.
        Assert.Equal(1, SlowPath.CompareExact(ElementaryFunction.Exp, 1.0, 1e-300));
        Assert.Equal(-1, SlowPath.CompareExact(ElementaryFunction.Exp, 1.0, 1e300));
    }
}
