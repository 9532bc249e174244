using System;
using System.Numerics;
using Xunit;

namespace ReferenceNN.Verification.Elementary;

/// <summary>The error-free transformations are exact: checked in BigInteger on random operands.</summary>
public class DoubleDoubleTests
{
    [Fact]
    public void TwoSumFastTwoSumAndTwoProdAreExact()
    {
        var r = new Random(1);
        for (int i = 0; i < 100000; i++)
        {
            double a = Math.ScaleB(r.NextDouble() - 0.5, r.Next(-60, 60));
            double b = Math.ScaleB(r.NextDouble() - 0.5, r.Next(-60, 60));
            DoubleDouble s = DoubleDouble.TwoSum(a, b);
            Assert.Equal(a + b, s.Hi);
            Assert.Equal(Exact(a) + Exact(b), Exact(s.Hi) + Exact(s.Lo));
            DoubleDouble p = DoubleDouble.TwoProd(a, b);
            Assert.Equal(a * b, p.Hi);
            Assert.Equal(Exact(a) * Exact(b), (Exact(p.Hi) + Exact(p.Lo)) << 1200);
            (double big, double small) = Math.Abs(a) >= Math.Abs(b) ? (a, b) : (b, a);
            DoubleDouble f = DoubleDouble.FastTwoSum(big, small);
            Assert.Equal(Exact(big) + Exact(small), Exact(f.Hi) + Exact(f.Lo));
        }
    }

    /// <summary>x·2^1200 as an integer (exact for every double used here).</summary>
    private static BigInteger Exact(double x)
    {
        (BigInteger m, int e) = SlowPath.Decompose(x);
        return m << (e + 1200);
    }
}
