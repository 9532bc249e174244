using ReferenceNN.Verification.Support;
using System;
using FsCheck.Xunit;
using Xunit;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

public class ExpTests
{
    [Fact]
    public void MatchesTheMpmathTableBitForBit()
    {
        Assert.Contains(Cases.For("exp"), c => c.Kind == "hard");
        Assert.Empty(Cases.Failures("exp", E.Exp));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(1.0, 2.718281828459045)]
    [InlineData(-1.0, 0.36787944117144233)]
    [InlineData(1e-300, 1.0)]
    [InlineData(-1e-300, 1.0)]
    [InlineData(5e-324, 1.0)]
    [InlineData(1e300, double.PositiveInfinity)]
    public void SpecialAndSimpleValues(double x, double expected) => Assert.Equal(expected, E.Exp(x));

    [Fact]
    public void NaNAndMinusInfinity()
    {
        Assert.True(double.IsNaN(E.Exp(double.NaN)));
        Assert.Equal(1.0, E.Exp(-0.0));
        Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(E.Exp(double.NegativeInfinity))); // +0
        Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(E.Exp(-1e300)));
    }

    [Fact]
    public void OverflowsExactlyAboveTheThreshold()
    {
        // log(2^1024 − 2^970) = 709.78271289338399678...: 0x1.62e42fefa39efp+9 is below it, the next double above.
        double last = BitConverter.Int64BitsToDouble(0x40862E42FEFA39EF);
        Assert.Equal(1.7976931348622732e308, E.Exp(last));
        Assert.Equal(double.PositiveInfinity, E.Exp(Math.BitIncrement(last)));
    }

    [Fact]
    public void UnderflowsGraduallyAndToZeroExactlyBelowTheThreshold()
    {
        // log(2^−1075) = −745.13321910194120762...: −0x1.74910d52d3052p+9 is below it (result 0), the next double up gives 2^−1074.
        double zero = -BitConverter.Int64BitsToDouble(0x40874910D52D3052);
        Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(E.Exp(zero)));
        Assert.Equal(double.Epsilon, E.Exp(Math.BitIncrement(zero)));
        Assert.True(E.Exp(-708.5) < 2.2250738585072014e-308 && E.Exp(-708.5) > 0); // subnormal
    }

    [Fact]
    public void FloatOverloadIsTheDoubleResultRounded()
    {
        Assert.Equal(1f, E.Exp(0f));
        Assert.Equal(float.PositiveInfinity, E.Exp(89f));
        Assert.Equal(0f, E.Exp(-104f));
        Assert.True(float.IsNaN(E.Exp(float.NaN)));
        var r = new Random(1);
        for (int i = 0; i < 10000; i++)
        {
            float x = (float)Sampling.Uniform(r, -104, 89);
            Assert.Equal((float)E.Exp((double)x), E.Exp(x));
        }
    }

    [SeededProperty(MaxTest = 20000)]
    public bool IsMonotone(double x) =>
        double.IsNaN(x) || x == double.PositiveInfinity || E.Exp(x) <= E.Exp(Math.BitIncrement(x));

    [Fact]
    public void IsMonotoneOnNeighboursAcrossTheRange()
    {
        var r = new Random(2);
        for (int i = 0; i < 200000; i++)
        {
            double x = Sampling.Mixed(r, -746, 710);
            Assert.True(E.Exp(x) <= E.Exp(Math.BitIncrement(x)), $"exp not monotone at {Cases.Show(x)}");
        }
    }

    [Fact]
    public void LogOfExpReturnsTheArgumentWithinTheRoundingOfExp()
    {
        // exp(x) is rounded by a relative 2^−53 at most, so log(Exp(x)) = x + δ with |δ| ≤ 2^−53 (plus log's rounding).
        var r = new Random(3);
        for (int i = 0; i < 100000; i++)
        {
            double x = Sampling.Mixed(r, -700, 700);
            double back = E.Log(E.Exp(x));
            double ulp = Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);
            Assert.True(Math.Abs(back - x) <= 1.1102230246251565e-16 + ulp, $"log(exp({Cases.Show(x)})) = {Cases.Show(back)}");
        }
    }

    [Fact]
    public void ExpOfXTimesExpOfMinusXIsOne()
    {
        var r = new Random(4);
        for (int i = 0; i < 100000; i++)
        {
            double x = Sampling.Mixed(r, -700, 700);
            double p = E.Exp(x) * E.Exp(-x);
            Assert.True(Math.Abs(p - 1) <= 3.4e-16, $"exp({Cases.Show(x)})·exp(−x) = {p}");
        }
    }

    [Fact]
    public void FastPathAgreesWithTheSlowPath()
    {
        var r = new Random(5);
        for (int i = 0; i < 3000; i++)
        {
            double x = Sampling.Mixed(r, -745.2, 709.8);
            Assert.True(Cases.SameResult(SlowPath.Exp(x), E.Exp(x)), $"exp({Cases.Show(x)})");
        }
    }
}
