using ReferenceNN.Verification.Support;
using System;
using FsCheck.Xunit;
using Xunit;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

public class Log1PTests
{
    [Fact]
    public void MatchesTheMpmathTableBitForBit()
    {
        Assert.Contains(Cases.For("log1p"), c => c.Kind == "hard");
        Assert.Empty(Cases.Failures("log1p", E.Log1P));
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(double.NegativeInfinity, E.Log1P(-1.0));
        Assert.Equal(double.PositiveInfinity, E.Log1P(double.PositiveInfinity));
        Assert.True(double.IsNaN(E.Log1P(-1.0000000000000002)));
        Assert.True(double.IsNaN(E.Log1P(double.NegativeInfinity)));
        Assert.True(double.IsNaN(E.Log1P(double.NaN)));
        Assert.Equal(0x8000000000000000UL, BitConverter.DoubleToUInt64Bits(E.Log1P(-0.0)));
        Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(E.Log1P(0.0)));
        Assert.Equal(-5e-324, E.Log1P(-5e-324));
        Assert.Equal(2.2250738585072014e-308, E.Log1P(2.2250738585072014e-308));
    }

    [Fact]
    public void NearZeroItIsXMinusHalfXSquaredRoundedOnce()
    {
        // For |x| ≤ 2^−40, log1p(x) − (x − x²/2) ≈ x³/3 is 2^−40 below an ulp of x²-scale terms: the fused
        // x − x·x/2 (one rounding) can differ from the correct rounding only within x³/3 of a midpoint.
        var r = new Random(1);
        for (int i = 0; i < 100000; i++)
        {
            double x = Sampling.Bits(r, v => Math.Abs(v) <= 9.094947017729282e-13 && v != 0);
            Assert.Equal(Math.FusedMultiplyAdd(-0.5 * x, x, x), E.Log1P(x));
        }

        for (int k = 55; k < 1075; k++)
        {
            Assert.Equal(Math.ScaleB(1.0, -k), E.Log1P(Math.ScaleB(1.0, -k)));
            Assert.Equal(-Math.ScaleB(1.0, -k), E.Log1P(-Math.ScaleB(1.0, -k)));
        }
    }

    [Fact]
    public void EqualsLogOfOnePlusXWhenThatSumIsExact()
    {
        var r = new Random(2);
        for (int i = 0; i < 50000; i++)
        {
            double x = Math.Round(Sampling.Uniform(r, -0.999, 1000) * 1048576) / 1048576; // 1 + x is exact
            if (x != 0 && x > -1)
            {
                Assert.True(Cases.SameResult(E.Log(1 + x), E.Log1P(x)), $"log1p({Cases.Show(x)})");
            }
        }
    }

    [SeededProperty(MaxTest = 20000)]
    public bool IsMonotone(double x) =>
        !(x > -1) || double.IsInfinity(x) || E.Log1P(x) <= E.Log1P(Math.BitIncrement(x));

    [Fact]
    public void FloatOverloadIsTheDoubleResultRounded()
    {
        Assert.Equal(float.NegativeInfinity, E.Log1P(-1f));
        Assert.Equal(-0f, E.Log1P(-0f));
        Assert.True(float.IsNegative(E.Log1P(-0f)));
        var r = new Random(3);
        for (int i = 0; i < 10000; i++)
        {
            float x = (float)Sampling.Uniform(r, -0.999, 10);
            Assert.Equal((float)E.Log1P((double)x), E.Log1P(x));
        }
    }

    [Fact]
    public void FastPathAgreesWithTheSlowPath()
    {
        var r = new Random(4);
        for (int i = 0; i < 3000; i++)
        {
            double x = i % 2 == 0 ? Sampling.Uniform(r, -0.9, 3) : Sampling.Bits(r, v => v > -1 && !double.IsInfinity(v) && Math.Abs(v) > 1e-16);
            Assert.True(Cases.SameResult(SlowPath.Log1P(x), E.Log1P(x)), $"log1p({Cases.Show(x)})");
        }
    }
}
