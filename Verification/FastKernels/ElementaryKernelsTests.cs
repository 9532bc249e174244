using System;
using System.Linq;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.FastKernels;
using ReferenceNN.Verification.Support;
using Xunit;
using Xunit.Abstractions;
using E = ReferenceNN.Elementary;
using Table = ReferenceNN.Verification.Elementary.Cases;

namespace ReferenceNN.Verification.FastKernels;

/// <summary>
/// The vectorised exp and tanh against the scalar <see cref="E.Exp(double)"/> and <see cref="E.Tanh(double)"/>, bit for
/// bit, at every vector width: both are correctly rounded, so there is one right answer per input and the kernels must
/// give it. Spans of every length up to five vectors (every remainder of every width), values from every family of
/// <see cref="KernelInputs"/>, the mpmath table, a sweep of two million values per function; the lanes handed to the
/// scalar function are exactly those where the scalar fast path itself cannot decide; and the vector code's
/// double-double approximations are the scalar code's (exp, bit for bit) or within its bound (tanh, measured against
/// the exact slow path).
/// </summary>
public class ElementaryKernelsTests
{
    private const int SweepCount = 1 << 21;

    private readonly ITestOutputHelper _output;

    public ElementaryKernelsTests(ITestOutputHelper output) => _output = output;

    /// <summary>A span of <paramref name="Length"/> inputs drawn from <paramref name="Seed"/>.</summary>
    public sealed record SpanCase(int Length, int Seed)
    {
        public double[] Values(string function) => KernelInputs.Values(Length, new Rng(Seed), function);

        public static Arbitrary<SpanCase> Arbitrary() =>
            (from length in Gen.Choose(0, 40) from seed in Gen.Choose(0, int.MaxValue) select new SpanCase(length, seed)).ToArbitrary();
    }

    public static class Cases
    {
        public static Arbitrary<SpanCase> SpanCase() => ElementaryKernelsTests.SpanCase.Arbitrary();
    }

    [SeededProperty(MaxTest = 1000, Arbitrary = [typeof(Cases)])]
    public bool Exp_IsElementaryExp_BitForBit_AtEveryVectorWidth(SpanCase c) => Agrees("exp", c.Values("exp"));

    [SeededProperty(MaxTest = 1000, Arbitrary = [typeof(Cases)])]
    public bool Tanh_IsElementaryTanh_BitForBit_AtEveryVectorWidth(SpanCase c) => Agrees("tanh", c.Values("tanh"));

    [Theory]
    [InlineData("exp")]
    [InlineData("tanh")]
    public void MatchesTheMpmathTable_InEveryLane_AtEveryVectorWidth(string function)
    {
        var cases = Table.For(function).ToArray();
        Assert.Contains(cases, c => c.Kind == "hard");
        for (int shift = 0; shift < 8; shift++)
        {
            // shift leading ones move every case through every lane position
            double[] x = Enumerable.Repeat(1.0, shift).Concat(cases.Select(c => c.Input)).ToArray();
            Assert.True(Widths.AtEvery(() =>
            {
                double[] y = KernelInputs.Garbage(x.Length);
                Run(function, x, y);
                for (int n = 0; n < cases.Length; n++)
                {
                    Assert.True(Table.SameResult(cases[n].Expected, y[shift + n]),
                        $"{function}({Table.Show(cases[n].Input)}) [{cases[n].Kind}] at width {VectorWidth.Current}: expected {Table.Show(cases[n].Expected)}, got {Table.Show(y[shift + n])}");
                }
                return true;
            }));
        }
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("tanh")]
    public void TheHardCasesFile_IsWhatTheMpmathTableCallsHard(string function)
    {
        // The worst cases are read here from their own file (hexadecimal), the table from CSV bits: the two must agree.
        double[] hard = KernelInputs.HardCases(function);
        var table = Table.For(function).Where(c => c.Kind == "hard").Select(c => BitConverter.DoubleToUInt64Bits(c.Input)).ToHashSet();
        Assert.True(hard.Length > 150, $"only {hard.Length} hard cases");
        Assert.All(hard, x => Assert.Contains(BitConverter.DoubleToUInt64Bits(x), table));
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("tanh")]
    public void OnTwoMillionValues_IsTheScalarFunction_BitForBit_AndFallsBackExactlyWhereTheScalarFastPathDoes(string function)
    {
        double[] x = KernelInputs.Sweep(SweepCount, new Rng(function == "exp" ? 101 : 102), function);
        double[] expected = x.Select(Scalar(function)).ToArray();
        int undecided = x.Count(v => ScalarPathUndecided(function, v));
        int failed = x.Count(v => InVectorDomain(function, v) && ScalarPathUndecided(function, v));
        int nnRange = 0, nnUndecided = 0;
        for (int n = 0; n < x.Length; n += 4)
        {
            nnRange++;
            if (ScalarPathUndecided(function, x[n])) nnUndecided++;
        }
        Assert.True(Widths.AtEvery(() =>
        {
            double[] y = KernelInputs.Garbage(x.Length);
            int fromScalar = Run(function, x, y);
            Assert.Equal(VectorWidth.Current == 1 ? x.Length : undecided, fromScalar);
            return KernelInputs.SameBits(expected, y);
        }));
        _output.WriteLine($"{function}: {undecided} of {x.Length} lanes from the scalar function ({failed} whose rounding test failed, "
            + $"{undecided - failed} outside the vector domain); on ±5: {nnUndecided} of {nnRange}");
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("tanh")]
    public void EachLaneGoesToTheScalarFunction_ExactlyWhenTheScalarFastPathCannotDecideIt(string function)
    {
        double[] x = KernelInputs.Specials(function).Concat(KernelInputs.HardCases(function)).Concat(KernelInputs.TableCases(function))
            .Concat(KernelInputs.Values(4000, new Rng(7), function)).ToArray();
        int undecided = 0;
        Assert.True(Widths.AtEvery(() =>
        {
            double[] one = new double[1];
            foreach (double v in x)
            {
                bool expected = VectorWidth.Current == 1 || ScalarPathUndecided(function, v);
                Assert.True((Run(function, [v], one) == 1) == expected, $"{function}({Table.Show(v)}) at width {VectorWidth.Current}: expected {(expected ? "the scalar function" : "the vector path")}");
                if (VectorWidth.Current == VectorWidth.Supported[0] && expected) undecided++;
            }
            return true;
        }));
        Assert.True(undecided >= 100, $"only {undecided} inputs need the scalar function: the hard cases should");
    }

    [Fact]
    public void VectorExpCore_IsTheScalarExpCore_BitForBit_InEveryLaneWidth()
    {
        var random = new Rng(3);
        double[] x = new double[80_000];
        for (int n = 0; n < x.Length; n++)
        {
            // the vector domain: 2^−54 ≤ |x|, −707 ≤ x ≤ 709
            x[n] = (n & 1) == 0 ? ElementaryKernels.ExpLow + (ElementaryKernels.ExpHigh - ElementaryKernels.ExpLow) * random.NextDouble()
                : (random.Next(2) == 0 ? -1 : 1) * Math.ScaleB(1 + random.NextDouble(), random.Next(-54, 9));
        }
        CoreAgrees<Lanes512>(x);
        CoreAgrees<Lanes256>(x);
        CoreAgrees<Lanes128>(x);
    }

    [Fact]
    public void VectorTanhApproximations_StayWithinTheScalarBound_AgainstTheExactSlowPath()
    {
        var random = new Rng(4);
        double worstQuotient = 0, worstSeries = 0;
        for (int n = 0; n < 3000; n++)
        {
            bool series = (n & 1) == 0;
            double a = series
                ? Math.ScaleB(1 + random.NextDouble(), random.Next(-27, -8))
                : (n & 2) == 0 ? Math.ScaleB(1 + random.NextDouble(), random.Next(-8, 4)) : 1.0 / 256 + (19.1 - 1.0 / 256) * random.NextDouble();
            if (!series && a >= 19.1) a = 19;
            double ratio = TanhApproximationError<Lanes128>(a, series);
            if (series) worstSeries = Math.Max(worstSeries, ratio);
            else worstQuotient = Math.Max(worstQuotient, ratio);
        }
        _output.WriteLine($"tanh: worst error / bound: series {worstSeries}, quotient {worstQuotient}");
        Assert.True(worstSeries <= 1 && worstQuotient <= 1, $"worst error / bound: series {worstSeries}, quotient {worstQuotient}");
        Assert.True(worstSeries > 1.0 / 4096 && worstQuotient > 1.0 / 4096, "the errors are far below the bound: is the comparison measuring anything?");
        foreach (double a in new[] { Math.ScaleB(1, -27), Math.BitDecrement(1.0 / 256), 1.0 / 256, 0.55, 19, Math.BitDecrement(19.1) })
        {
            bool series = a < 1.0 / 256;
            Assert.True(TanhApproximationError<Lanes512>(a, series) <= 1, $"tanh({a}) at 512 bits");
            Assert.True(TanhApproximationError<Lanes256>(a, series) <= 1, $"tanh({a}) at 256 bits");
        }
    }

    [Fact]
    public void Kernels_MayWriteOverTheirInput()
    {
        double[] x = KernelInputs.Values(203, new Rng(5), "tanh");
        double[] expected = x.Select(E.Tanh).ToArray();
        double[] e = KernelInputs.Values(203, new Rng(6), "exp");
        double[] expectedExp = e.Select(E.Exp).ToArray();
        Assert.True(Widths.AtEvery(() =>
        {
            double[] y = (double[])x.Clone(), z = (double[])e.Clone();
            ElementaryKernels.Tanh(y, y);
            ElementaryKernels.Exp(z, z);
            return KernelInputs.SameBits(expected, y) && KernelInputs.SameBits(expectedExp, z);
        }));
    }

    [Fact]
    public void Kernels_RejectSpansOfDifferentLengths()
    {
        Assert.Throws<ArgumentException>(() => ElementaryKernels.Exp(new double[3], new double[4]));
        Assert.Throws<ArgumentException>(() => ElementaryKernels.Tanh(new double[4], new double[3]));
        double[] empty = [];
        Assert.Equal(0, ElementaryKernels.Exp(empty, empty));
    }

    private static bool Agrees(string function, double[] x)
    {
        double[] expected = x.Select(Scalar(function)).ToArray();
        return Widths.AtEvery(() =>
        {
            double[] y = KernelInputs.Garbage(x.Length);
            Run(function, x, y);
            return KernelInputs.SameBits(expected, y);
        });
    }

    private static int Run(string function, ReadOnlySpan<double> x, Span<double> y) =>
        function == "exp" ? ElementaryKernels.Exp(x, y) : ElementaryKernels.Tanh(x, y);

    private static Func<double, double> Scalar(string function) => function == "exp" ? E.Exp : E.Tanh;

    /// <summary>
    /// Whether the vector code must hand x to the scalar function: for exp, x outside the vector domain or the scalar
    /// fast path's test fails; for tanh, 2^−27 ≤ |x| &lt; 19.1 and the scalar fast path's test fails.
    /// </summary>
    private static bool ScalarPathUndecided(string function, double x) => function == "exp"
        ? !InVectorDomain(function, x) || !E.ExpFast(x, out _)
        : InVectorDomain(function, x) && !E.TanhFast(x, out _);

    /// <summary>
    /// Where the vector code runs the double-double path: for exp 2^−54 ≤ |x|, −707 ≤ x ≤ 709 (the scalar function
    /// takes every other lane); for tanh 2^−27 ≤ |x| &lt; 19.1 (the other lanes need no approximation).
    /// </summary>
    private static bool InVectorDomain(string function, double x) => function == "exp"
        ? Math.Abs(x) >= ElementaryKernels.ExpTiny && x >= ElementaryKernels.ExpLow && x <= ElementaryKernels.ExpHigh
        : Math.Abs(x) >= ElementaryKernels.TanhTiny && Math.Abs(x) < ElementaryKernels.TanhSaturated;

    private static void CoreAgrees<TV>(double[] x) where TV : struct, ILanes<TV>
    {
        int w = TV.Count;
        var twoToE = new double[w];
        var h = new double[w];
        var l = new double[w];
        for (int n = 0; n + w <= x.Length; n += w)
        {
            ElementaryKernels.ExpCore(TV.Load(ref x[n], 0), out TV vt, out TV vh, out TV vl);
            vt.Store(ref twoToE[0], 0);
            vh.Store(ref h[0], 0);
            vl.Store(ref l[0], 0);
            for (int j = 0; j < w; j++)
            {
                E.ExpCore(x[n + j], out int e, out double sh, out double sl);
                Assert.True(twoToE[j] == Math.ScaleB(1, e) && BitConverter.DoubleToUInt64Bits(sh) == BitConverter.DoubleToUInt64Bits(h[j])
                    && BitConverter.DoubleToUInt64Bits(sl) == BitConverter.DoubleToUInt64Bits(l[j]),
                    $"ExpCore({Table.Show(x[n + j])}) in {typeof(TV).Name}: scalar 2^{e}·({sh:R} + {sl:R}), vector {twoToE[j]:R}·({h[j]:R} + {l[j]:R})");
            }
        }
    }

    /// <summary>|tanh a − (h + l)| / err for the vector branch's h, l and err, tanh a from the slow path's enclosure (radius 2^−190).</summary>
    private static double TanhApproximationError<TV>(double a, bool series) where TV : struct, ILanes<TV>
    {
        TV v = TV.Create(a);
        TV h, l, err;
        if (series) ElementaryKernels.TanhSeries(v, out h, out l, out err);
        else ElementaryKernels.TanhQuotient(v, out h, out l, out err);
        double[] parts = new double[3 * TV.Count];
        h.Store(ref parts[0], 0);
        l.Store(ref parts[0], (nuint)TV.Count);
        err.Store(ref parts[0], (nuint)(2 * TV.Count));
        Enclosure exact = SlowPath.Enclose(ElementaryFunction.Tanh, a, 192);
        int w = -exact.Exponent;
        BigInteger difference = Fixed(parts[0], w) + Fixed(parts[TV.Count], w) - exact.Mantissa;
        return Math.Abs((double)difference) / (double)Fixed(parts[2 * TV.Count], w);
    }

    private static BigInteger Fixed(double x, int w)
    {
        (BigInteger m, int q) = SlowPath.Decompose(x);
        int s = q + w;
        return s >= 0 ? m << s : m >> -s;
    }
}
