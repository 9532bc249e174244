using System;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using Xunit.Abstractions;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// The case mix of the formula-level generators (<see cref="FormulaArbitraries"/>), measured on 4000 cases each from
/// this run's seed; each share must stay at or above what docs/Verification/Accuracy.md ("Generators") states.
/// </summary>
public class FormulaCasesTests(ITestOutputHelper output)
{
    private const int Count = 4000;

    private static T[] Sample<T>(Gen<T> gen, string name)
    {
        string replay = Seeds.ReplayFor(name);
        ulong seed = ulong.Parse(replay[1..replay.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        T[] cases = Gen.Sample(gen, Count, new Rnd(seed), 50); // Count cases of size 50
        Assert.Equal(Count, cases.Length);
        return cases;
    }

    private void AtLeast<T>(string what, T[] cases, Func<T, bool> predicate, double minimum)
    {
        double share = cases.Count(predicate) / (double)cases.Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {share:P1} (at least {minimum:P0})"));
        Assert.True(share >= minimum, string.Create(CultureInfo.InvariantCulture, $"{what}: {share:P1} of {cases.Length} cases, below {minimum:P0}"));
    }

    [Fact]
    public void Convolution_MostCasesHaveKernelsOutputsAndChannelsOfTwoOrMore_AndSomeAreMnistSized()
    {
        ConvCase[] cases = Sample(FormulaArbitraries.ConvGen, nameof(Convolution_MostCasesHaveKernelsOutputsAndChannelsOfTwoOrMore_AndSomeAreMnistSized));
        AtLeast("conv: kernel ≥ 2×2, output ≥ 2×2, d ≥ 2 and k ≥ 2", cases, c => c.IsNonDegenerate, 0.70);
        AtLeast("conv: 28×28×1 → 26×26×8", cases, c => c.IsMnistSized, 0.02);
        AtLeast("conv: kernel not square", cases, c => c.KernelHeight != c.KernelWidth, 0.40);
    }

    [Fact]
    public void MaxPooling_MostCasesHaveWindowsAndOutputsOfTwoOrMore_StridesBothSidesOfTheWindow_AndTies()
    {
        PoolCase[] cases = Sample(FormulaArbitraries.PoolGen, nameof(MaxPooling_MostCasesHaveWindowsAndOutputsOfTwoOrMore_StridesBothSidesOfTheWindow_AndTies));
        AtLeast("pooling: window ≥ 2×2 and output ≥ 2×2", cases, c => c.IsNonDegenerate, 0.70);
        AtLeast("pooling: a stride smaller than the window (overlapping windows)", cases, c => c.StrideHeight < c.PoolHeight || c.StrideWidth < c.PoolWidth, 0.30);
        AtLeast("pooling: a stride larger than the window (skipped rows or columns)", cases, c => c.StrideHeight > c.PoolHeight || c.StrideWidth > c.PoolWidth, 0.30);
        AtLeast("pooling: a window with a tied maximum", cases, HasTie, 0.20);
        AtLeast("pooling: 26×26×8 with 2×2 windows", cases, c => c.Height == 26 && c.Depth == 8, 0.03);
    }

    private static bool HasTie(PoolCase c)
    {
        double[] x = c.Input();
        for (int u = 0; u < c.OutputHeight; u++)
        for (int v = 0; v < c.OutputWidth; v++)
        for (int d = 0; d < c.Depth; d++)
        {
            double[] window = (from a in Enumerable.Range(0, c.PoolHeight)
                               from b in Enumerable.Range(0, c.PoolWidth)
                               select x[((u * c.StrideHeight + a) * c.Width + v * c.StrideWidth + b) * c.Depth + d]).ToArray();
            if (window.Count(value => value == window.Max()) > 1) return true;
        }
        return false;
    }

    [Fact]
    public void FullyConnected_Dropout_Softmax_Vectors_CoverTheirStatedRanges()
    {
        FcCase[] fc = Sample(FormulaArbitraries.FcGen, "mix fc");
        AtLeast("FC: i ≥ 2 and j ≥ 2", fc, c => c.InputSize >= 2 && c.OutputSize >= 2, 0.90);
        AtLeast("FC: 784 → 100", fc, c => c.IsMnistSized, 0.02);
        MaskCase[] dropout = Sample(FormulaArbitraries.MaskGen, "mix dropout");
        AtLeast("dropout: rate in [0.1, 0.9]", dropout, c => c.Rate >= 0.1 && c.Rate <= 0.9, 1.0);
        AtLeast("dropout: 5408 elements (a 26×26×8 map)", dropout, c => c.Length == 5408, 0.10);
        SoftmaxCase[] softmax = Sample(FormulaArbitraries.SoftmaxGen, "mix softmax");
        AtLeast("softmax: logits beyond e's overflow (offset ±800)", softmax, c => Math.Abs(c.Offset) == 800, 0.25);
        AtLeast("softmax: spread 40 (outputs down to e^−80)", softmax, c => c.Spread == 40, 0.25);
        AtLeast("softmax: n ≥ 2", softmax, c => c.Length >= 2, 0.80);
        VectorCase[] vectors = Sample(FormulaArbitraries.VectorGen, "mix vectors");
        AtLeast("vectors (activations, losses, flatten): n > 64", vectors, c => c.Length > 64, 0.10);
    }
}
