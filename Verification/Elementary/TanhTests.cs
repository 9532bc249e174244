using ReferenceNN.Verification.Support;
using System;
using FsCheck.Xunit;
using Xunit;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

public class TanhTests
{
    [Fact]
    public void MatchesTheMpmathTableBitForBit()
    {
        Assert.Contains(Cases.For("tanh"), c => c.Kind == "hard");
        Assert.Empty(Cases.Failures("tanh", E.Tanh));
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0x8000000000000000UL, BitConverter.DoubleToUInt64Bits(E.Tanh(-0.0)));
        Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(E.Tanh(0.0)));
        Assert.Equal(1.0, E.Tanh(double.PositiveInfinity));
        Assert.Equal(-1.0, E.Tanh(double.NegativeInfinity));
        Assert.Equal(1.0, E.Tanh(19.1));
        Assert.Equal(-1.0, E.Tanh(-1e300));
        Assert.True(double.IsNaN(E.Tanh(double.NaN)));
        Assert.Equal(-5e-324, E.Tanh(-5e-324));
    }

    [Fact]
    public void SaturatesToOneExactlyAboveTheThreshold()
    {
        // tanh(x) rounds to 1 once 1 − tanh(x) < 2^−54, i.e. x > log(2^55 − 1)/2 = 19.0615474653984959...
        double first = BitConverter.Int64BitsToDouble(0x40330FC1931F09CA);
        Assert.Equal(1.0, E.Tanh(first));
        Assert.Equal(Math.BitDecrement(1.0), E.Tanh(Math.BitDecrement(first)));
        Assert.Equal(-1.0, E.Tanh(-first));
    }

    [Fact]
    public void TinyArgumentsRoundToThemselvesExceptNextToAPowerOfTwo()
    {
        // tanh(x) = x − x³/3 + ...: x itself below 2^−27; at 2^−26, x³/3 = 2^−79.6 exceeds half the gap
        // below 2^−26 (2^−80), so the result is the double just below.
        Assert.Equal(Math.ScaleB(1.0, -27), E.Tanh(Math.ScaleB(1.0, -27)));
        Assert.Equal(Math.BitDecrement(Math.ScaleB(1.0, -26)), E.Tanh(Math.ScaleB(1.0, -26)));
        var r = new Random(1);
        for (int i = 0; i < 100000; i++)
        {
            double x = Sampling.Bits(r, v => Math.Abs(v) < 7.450580596923828e-9);
            Assert.True(Cases.SameResult(x, E.Tanh(x)), Cases.Show(x));
        }
    }

    [SeededProperty(MaxTest = 50000)]
    public bool IsOdd(double x) => Cases.SameResult(-E.Tanh(x), E.Tanh(-x));

    [Fact]
    public void IsOddOnTheActiveRange()
    {
        var r = new Random(2);
        for (int i = 0; i < 200000; i++)
        {
            double x = Sampling.Mixed(r, -20, 20);
            Assert.True(Cases.SameResult(-E.Tanh(x), E.Tanh(-x)), Cases.Show(x));
        }
    }

    [SeededProperty(MaxTest = 20000)]
    public bool IsBoundedByOneAndByItsArgument(double x)
    {
        double t = E.Tanh(x);
        return double.IsNaN(x) || (Math.Abs(t) <= 1 && Math.Abs(t) <= Math.Abs(x) && (t == 0 || Math.Sign(t) == Math.Sign(x)));
    }

    [SeededProperty(MaxTest = 20000)]
    public bool IsMonotone(double x) =>
        double.IsNaN(x) || x == double.PositiveInfinity || E.Tanh(x) <= E.Tanh(Math.BitIncrement(x));

    [Fact]
    public void IsMonotoneOnNeighboursOfTheActiveRange()
    {
        var r = new Random(3);
        for (int i = 0; i < 200000; i++)
        {
            double x = Sampling.Mixed(r, -20, 20);
            Assert.True(E.Tanh(x) <= E.Tanh(Math.BitIncrement(x)), Cases.Show(x));
        }
    }

    [Fact]
    public void FloatOverloadIsTheDoubleResultRounded()
    {
        Assert.True(float.IsNegative(E.Tanh(-0f)));
        Assert.Equal(1f, E.Tanh(10f));
        var r = new Random(4);
        for (int i = 0; i < 10000; i++)
        {
            float x = (float)Sampling.Uniform(r, -10, 10);
            Assert.Equal((float)E.Tanh((double)x), E.Tanh(x));
        }
    }

    [Fact]
    public void FastPathAgreesWithTheSlowPath()
    {
        var r = new Random(5);
        for (int i = 0; i < 3000; i++)
        {
            double x = i % 2 == 0 ? Sampling.Uniform(r, -5, 5) : Sampling.Bits(r, v => Math.Abs(v) < 19.1 && Math.Abs(v) > 1e-9);
            Assert.True(Cases.SameResult(SlowPath.Tanh(x), E.Tanh(x)), $"tanh({Cases.Show(x)})");
        }
    }
}
