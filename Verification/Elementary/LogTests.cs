using ReferenceNN.Verification.Support;
using System;
using FsCheck.Xunit;
using Xunit;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

public class LogTests
{
    [Fact]
    public void MatchesTheMpmathTableBitForBit()
    {
        Assert.Contains(Cases.For("log"), c => c.Kind == "hard");
        Assert.Empty(Cases.Failures("log", E.Log));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(0.0, double.NegativeInfinity)]
    [InlineData(2.0, 0.6931471805599453)]
    [InlineData(0.5, -0.6931471805599453)]
    [InlineData(5e-324, -744.4400719213812)]
    [InlineData(1.7976931348623157e308, 709.782712893384)]
    public void SpecialAndSimpleValues(double x, double expected) => Assert.Equal(expected, E.Log(x));

    [Fact]
    public void LogOfOneIsPlusZeroAndNegativeArgumentsGiveNaN()
    {
        Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(E.Log(1.0)));
        Assert.Equal(double.NegativeInfinity, E.Log(-0.0));
        Assert.True(double.IsNaN(E.Log(-1.0)));
        Assert.True(double.IsNaN(E.Log(-5e-324)));
        Assert.True(double.IsNaN(E.Log(double.NegativeInfinity)));
        Assert.True(double.IsNaN(E.Log(double.NaN)));
    }

    [Fact]
    public void NeighboursOfOneRoundCorrectly()
    {
        // log(1 + 2^−52) = 2^−52 − 2^−105 + ...: the double just below 2^−52 is 2^−52 − 2^−105, and the
        // remainder 2^−156/3 is far below half its ulp. log(1 − 2^−53) = −2^−53 − 2^−107 − ...: rounds to −2^−53.
        Assert.Equal(Math.BitDecrement(Math.ScaleB(1, -52)), E.Log(1 + Math.ScaleB(1, -52)));
        Assert.Equal(-Math.ScaleB(1, -53), E.Log(1 - Math.ScaleB(1, -53)));
    }

    [Fact]
    public void FloatOverloadIsTheDoubleResultRounded()
    {
        Assert.Equal(0f, E.Log(1f));
        Assert.Equal(float.NegativeInfinity, E.Log(0f));
        Assert.True(float.IsNaN(E.Log(-1f)));
        var r = new Random(1);
        for (int i = 0; i < 10000; i++)
        {
            float x = BitConverter.Int32BitsToSingle(r.Next(1, 0x7F800000));
            Assert.Equal((float)E.Log((double)x), E.Log(x));
        }
    }

    [SeededProperty(MaxTest = 20000)]
    public bool IsMonotone(double x) =>
        !(x > 0) || double.IsInfinity(x) || E.Log(x) <= E.Log(Math.BitIncrement(x));

    [Fact]
    public void ExpOfLogReturnsTheArgumentWithinTheRoundingOfLog()
    {
        var r = new Random(2);
        for (int i = 0; i < 100000; i++)
        {
            double y = Sampling.Bits(r, v => v > 1e-300 && v < 1e300);
            double back = E.Exp(E.Log(y));
            double bound = (Math.Abs(Math.Log(y)) + 2) * 1.1102230246251565e-16;
            Assert.True(Math.Abs(back / y - 1) <= bound, $"exp(log({Cases.Show(y)})) = {Cases.Show(back)}");
        }
    }

    [Fact]
    public void LogOfAPowerOfTwoIsKTimesLogTwoRounded()
    {
        for (int k = -1074; k <= 1023; k++)
        {
            double x = Math.ScaleB(1.0, k);
            double expected = k == 0 ? 0.0 : SlowPath.Log(x);
            Assert.True(Cases.SameResult(expected, E.Log(x)), $"log(2^{k})");
        }
    }

    [Fact]
    public void FastPathAgreesWithTheSlowPath()
    {
        var r = new Random(3);
        for (int i = 0; i < 3000; i++)
        {
            double x = i % 2 == 0 ? Sampling.Uniform(r, 0.25, 4) : Sampling.Bits(r, v => v > 0 && !double.IsInfinity(v));
            if (x != 1)
            {
                Assert.True(Cases.SameResult(SlowPath.Log(x), E.Log(x)), $"log({Cases.Show(x)})");
            }
        }
    }
}
