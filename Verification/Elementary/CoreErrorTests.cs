using System;
using System.Numerics;
using Xunit;
using Xunit.Abstractions;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

/// <summary>
/// The fast paths' error bounds, measured: over random inputs the actual error of the double-double
/// approximation, computed exactly against the slow path's enclosure, must stay below the bound that
/// Ziv's test uses. Reports (in the assertion message) the largest ratio seen.
/// </summary>
public class CoreErrorTests
{
    private readonly ITestOutputHelper output;

    public CoreErrorTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void ExpCoreStaysWithinItsBound()
    {
        var r = new Random(1);
        double worst = 0;
        for (int i = 0; i < 4000; i++)
        {
            double x = Sampling.Mixed(r, -700, 700);
            if (Math.Abs(x) < 1e-300)
            {
                continue;
            }

            E.ExpCore(x, out int e, out double h, out double l);
            Enclosure exact = SlowPath.Enclose(ElementaryFunction.Exp, x, 192);
            double ratio = RelativeError(exact, h, l, e) / E.ExpCoreError;
            worst = Math.Max(worst, ratio);
        }

        output.WriteLine($"exp core: worst error / bound = {worst}");
        Assert.True(worst <= 1, $"exp core: worst error / bound = {worst}");
        Assert.True(worst > 1.0 / 64, $"exp core: the bound is much larger than any error seen ({worst})");
    }

    [Fact]
    public void LogCoreStaysWithinItsBound()
    {
        var r = new Random(2);
        double worst = 0;
        for (int i = 0; i < 4000; i++)
        {
            // a third near 1, where the tail T is largest relative to the result (the first term of the bound)
            double x = (i % 3) switch
            {
                0 => Sampling.Uniform(r, 0.5, 2),
                1 => 1 + Sampling.Uniform(r, -1.0 / 512, 1.0 / 256),
                _ => Sampling.Bits(r, v => v > 0 && !double.IsInfinity(v)),
            };
            if (x == 1)
            {
                continue;
            }

            E.LogCore(x, out double h, out double l, out double err);
            Enclosure exact = SlowPath.Enclose(ElementaryFunction.Log, x, 192);
            double ratio = RelativeError(exact, h, l, 0) * Math.Abs(h) / err;
            worst = Math.Max(worst, ratio);
        }

        output.WriteLine($"log core: worst error / bound = {worst}");
        Assert.True(worst <= 1, $"log core: worst error / bound = {worst}");
    }

    /// <summary>|(h + l)·2^e − y| / |y| where y is the enclosure's centre (its radius is below 2^−190·|y|).</summary>
    private static double RelativeError(Enclosure y, double h, double l, int e)
    {
        int w = -y.Exponent;
        BigInteger approx = Fixed(h, w + e) + Fixed(l, w + e); // (h + l)·2^e·2^w
        BigInteger diff = approx - y.Mantissa;
        return Math.Abs((double)diff / (double)y.Mantissa);
    }

    private static BigInteger Fixed(double x, int w)
    {
        (BigInteger m, int q) = SlowPath.Decompose(x);
        int s = q + w;
        return s >= 0 ? m << s : m >> -s;
    }
}
