using System;
using System.Numerics;
using Xunit;

namespace ReferenceNN.Verification.Elementary;

/// <summary>
/// The generated tables (Library/Elementary/Tables.cs, made with mpmath) checked with the library's own
/// exact BigInteger arithmetic, independently of mpmath.
/// </summary>
public class TablesTests
{
    [Fact]
    public void ExpTablesArePowersOfTwoToTheirDoubleDoubleAccuracy()
    {
        Check(Tables.ExpCoarse, 64);
        Check(Tables.ExpFine, 4096);

        static void Check(double[] table, int n)
        {
            for (int i = 0; i < table.Length / 2; i++)
            {
                // (hi + lo)^n must be 2^i to a relative n·2^−104: compare exactly with BigInteger.
                (BigInteger mh, int eh) = SlowPath.Decompose(table[2 * i]);
                (BigInteger ml, int el) = SlowPath.Decompose(table[2 * i + 1]);
                BigInteger v = (mh << (eh - el)) + ml; // value = v·2^el
                BigInteger power = BigInteger.Pow(v, n); // value^n = power·2^(n·el)
                BigInteger target = BigInteger.One << (i - n * el);
                BigInteger diff = BigInteger.Abs(power - target);
                Assert.True(diff * (BigInteger.One << 100) <= target * n, $"entry {i} of 2^(i/{n})");
            }
        }
    }

    [Fact]
    public void LogTableReducesEveryIntervalBelowTwoToTheMinusEightExactly()
    {
        double[] t = Tables.Log;
        for (int i = 0; i < 256; i++)
        {
            double r = t[3 * i];
            Assert.Equal(Math.Round(r * 512), r * 512); // a multiple of 2^−9: m·R − 1 fits in 53 bits
            double low = 1 + i / 256.0, high = Math.BitDecrement(1 + (i + 1) / 256.0);
            foreach (double m in new[] { low, high })
            {
                double z = Math.FusedMultiplyAdd(m, r, -1);
                Assert.True(Math.Abs(z) < 1.0 / 256, $"entry {i}");
                Assert.Equal(BigInteger.Zero, Exact(m) * Exact(r) - ((Exact(1) + Exact(z)) << 1100)); // the FMA is exact
            }
        }

        static BigInteger Exact(double x)
        {
            (BigInteger m, int e) = SlowPath.Decompose(x);
            return m << (e + 1100);
        }
    }

    [Fact]
    public void LogTableValuesAreMinusLogROffsetByLogTwo()
    {
        double[] t = Tables.Log;
        for (int i = 1; i < 255; i++)
        {
            // −log(R) − [i ≥ split]·log 2 against the slow path's enclosure of log(R), to 2^−100.
            double r = t[3 * i];
            Enclosure e = SlowPath.Enclose(ElementaryFunction.Log, r, 192);
            BigInteger l2 = SlowPath.Ln2(-e.Exponent);
            BigInteger expected = -e.Mantissa - (i >= Tables.LogSplit ? l2 : 0);
            (BigInteger mh, int eh) = SlowPath.Decompose(t[3 * i + 1]);
            (BigInteger ml, int el) = SlowPath.Decompose(t[3 * i + 2]);
            BigInteger got = Shift(mh, eh + -e.Exponent) + Shift(ml, el + -e.Exponent);
            BigInteger tolerance = BigInteger.One << (-e.Exponent - 100);
            Assert.True(BigInteger.Abs(got - expected) <= tolerance, $"entry {i}");
        }

        Assert.Equal(0.0, t[1]);
        Assert.Equal(0.0, t[3 * 255 + 1]);

        static BigInteger Shift(BigInteger m, int s) => s >= 0 ? m << s : m >> -s;
    }
}
