using ReferenceNN.Verification.Support;
using System;
using FsCheck.Xunit;
using Xunit;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

public class ExpM1Tests
{
    [Fact]
    public void MatchesTheMpmathTableBitForBit()
    {
        Assert.Contains(Cases.For("expm1"), c => c.Kind == "hard");
        Assert.Empty(Cases.Failures("expm1", E.ExpM1));
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0x8000000000000000UL, BitConverter.DoubleToUInt64Bits(E.ExpM1(-0.0)));
        Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(E.ExpM1(0.0)));
        Assert.Equal(-1.0, E.ExpM1(double.NegativeInfinity));
        Assert.Equal(-1.0, E.ExpM1(-38.0));
        Assert.Equal(-1.0, E.ExpM1(-1e300));
        Assert.Equal(double.PositiveInfinity, E.ExpM1(double.PositiveInfinity));
        Assert.True(double.IsNaN(E.ExpM1(double.NaN)));
        Assert.Equal(5e-324, E.ExpM1(5e-324));
        Assert.Equal(-5e-324, E.ExpM1(-5e-324));
        Assert.Equal(1.7182818284590453, E.ExpM1(1.0)); // e − 1 = 1.71828182845904523536...
    }

    [Fact]
    public void MinusOneExactlyBelowTheThreshold()
    {
        // e^x − 1 rounds to −1 once e^x < 2^−54, i.e. x < log(2^−54) = −37.42994775023704...
        Assert.Equal(-1.0, E.ExpM1(-37.43));
        Assert.Equal(Math.BitIncrement(-1.0), E.ExpM1(-37.42));
    }

    [Fact]
    public void OverflowsLikeExp()
    {
        double last = BitConverter.Int64BitsToDouble(0x40862E42FEFA39EF);
        Assert.Equal(1.7976931348622732e308, E.ExpM1(last));
        Assert.Equal(double.PositiveInfinity, E.ExpM1(Math.BitIncrement(last)));
    }

    [Fact]
    public void NearZeroItIsXPlusHalfXSquaredRoundedOnce()
    {
        var r = new Random(1);
        for (int i = 0; i < 100000; i++)
        {
            double x = Sampling.Bits(r, v => Math.Abs(v) <= 9.094947017729282e-13 && v != 0);
            Assert.Equal(Math.FusedMultiplyAdd(0.5 * x, x, x), E.ExpM1(x));
        }
    }

    [Fact]
    public void AboveSeventyItRoundsLikeExp()
    {
        var r = new Random(2);
        for (int i = 0; i < 20000; i++)
        {
            double x = Sampling.Uniform(r, 70, 709.78);
            Assert.Equal(E.Exp(x), E.ExpM1(x));
        }
    }

    [Fact]
    public void IsConsistentWithExpWhereTheSubtractionIsExact()
    {
        // For x in [log(0.5), log(2)] exp(x) − 1 has a larger ulp than exp(x) only by a factor of at most 4,
        // so |ExpM1(x) − (Exp(x) − 1)| stays within ulp(1) (both are within half an ulp of the same real).
        var r = new Random(3);
        for (int i = 0; i < 100000; i++)
        {
            double x = Sampling.Uniform(r, -0.69, 0.69);
            Assert.True(Math.Abs(E.ExpM1(x) - (E.Exp(x) - 1)) <= 2.220446049250313e-16, $"x = {Cases.Show(x)}");
        }
    }

    [SeededProperty(MaxTest = 20000)]
    public bool IsMonotone(double x) =>
        double.IsNaN(x) || x == double.PositiveInfinity || E.ExpM1(x) <= E.ExpM1(Math.BitIncrement(x));

    [Fact]
    public void FloatOverloadIsTheDoubleResultRounded()
    {
        Assert.Equal(-0f, E.ExpM1(-0f));
        Assert.True(float.IsNegative(E.ExpM1(-0f)));
        Assert.Equal(-1f, E.ExpM1(float.NegativeInfinity));
        var r = new Random(4);
        for (int i = 0; i < 10000; i++)
        {
            float x = (float)Sampling.Uniform(r, -20, 89);
            Assert.Equal((float)E.ExpM1((double)x), E.ExpM1(x));
        }
    }

    [Fact]
    public void FastPathAgreesWithTheSlowPath()
    {
        var r = new Random(5);
        for (int i = 0; i < 3000; i++)
        {
            double x = i % 2 == 0 ? Sampling.Uniform(r, -1, 1) : Sampling.Bits(r, v => v > -38 && v < 709.7 && Math.Abs(v) > 1e-16);
            Assert.True(Cases.SameResult(SlowPath.ExpM1(x), E.ExpM1(x)), $"expm1({Cases.Show(x)})");
        }
    }
}
