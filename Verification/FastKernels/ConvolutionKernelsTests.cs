using System;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.FastKernels;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.Convolution;

namespace ReferenceNN.Verification.FastKernels;

/// <summary>
/// The convolutional layer's fast kernels against its literal formulas, bit for bit, at every vector width: random
/// shapes with several input and output channels and kernels from 1×1 to the whole input, and the MNIST size
/// 28×28×1 → 26×26×8, on values spread over forty binades.
/// </summary>
public class ConvolutionKernelsTests
{
    /// <summary>Input i×j×d, kernel m×n, k output channels; independent seeds for input, parameters, upstream error, rate.</summary>
    public sealed record KernelCase(int I, int J, int D, int M, int N, int K, int InputSeed, int WeightsSeed, int ErrorSeed, int RateSeed)
    {
        public Shape InputShape => new(I, J, D);

        public Shape WeightsShape => new(M, N, D, K);

        public Shape OutputShape => new(I - M + 1, J - N + 1, K);

        public static Arbitrary<KernelCase> Arbitrary() =>
            (from i in Gen.Choose(1, 12)
             from j in Gen.Choose(1, 20)
             from d in Gen.Choose(1, 3)
             from m in Gen.Choose(1, i)
             from n in Gen.Choose(1, j)
             from k in Gen.Choose(1, 3)
             from seeds in Gen.Choose(0, int.MaxValue).ArrayOf(4)
             select new KernelCase(i, j, d, m, n, k, seeds[0], seeds[1], seeds[2], seeds[3])).ToArbitrary();
    }

    public static class Cases
    {
        public static Arbitrary<KernelCase> KernelCase() => ConvolutionKernelsTests.KernelCase.Arbitrary();
    }

    [SeededProperty(MaxTest = 200, Arbitrary = [typeof(Cases)])]
    public bool Forward_IsTheLiteralForward_BitForBit_AtEveryVectorWidth(KernelCase c) => Widths.AtEvery(() => ForwardAgrees(c));

    [SeededProperty(MaxTest = 200, Arbitrary = [typeof(Cases)])]
    public bool WeightsBiasAndStep_AreTheLiteralFormulas_BitForBit_AtEveryVectorWidth(KernelCase c) => Widths.AtEvery(() => BackwardAgrees(c));

    [Fact]
    public void BothKernels_AtTheMnistSize_AreTheLiteralFormulas_BitForBit_AtEveryVectorWidth()
    {
        var c = new KernelCase(28, 28, 1, 3, 3, 8, 1, 2, 3, 4);
        Assert.True(Widths.AtEvery(() => ForwardAgrees(c)));
        Assert.True(Widths.AtEvery(() => BackwardAgrees(c)));
    }

    private static bool ForwardAgrees(KernelCase c)
    {
        Tensor x = WideValues.Tensor(c.InputShape, new Rng(c.InputSeed));
        var random = new Rng(c.WeightsSeed);
        Tensor w = WideValues.Tensor(c.WeightsShape, random), b = WideValues.Tensor(new Shape(c.K), random);
        Tensor literal = new(c.OutputShape), fast = WideValues.Tensor(c.OutputShape, new Rng(7));
        F.Forward<double>(x.Span, c.InputShape, w.Span, c.WeightsShape, b.Span, literal.Span);
        ConvolutionKernels.Forward(x.Span, c.InputShape, w.Span, c.WeightsShape, b.Span, fast.Span,
            new double[c.InputShape.Size], new double[c.OutputShape[1]], new double[c.OutputShape[1]]);
        return literal.BitwiseEquals(fast);
    }

    private static bool BackwardAgrees(KernelCase c)
    {
        Tensor x = WideValues.Tensor(c.InputShape, new Rng(c.InputSeed)), dy = WideValues.Tensor(c.OutputShape, new Rng(c.ErrorSeed));
        var random = new Rng(c.WeightsSeed);
        Tensor w = WideValues.Tensor(c.WeightsShape, random), b = WideValues.Tensor(new Shape(c.K), random);
        double alpha = WideValues.Tensor(new Shape(1), new Rng(c.RateSeed)).Span[0];
        Tensor w2 = w.Clone(), b2 = b.Clone(), dw = new(c.WeightsShape), db = new(new Shape(c.K)), dw2 = new(c.WeightsShape), db2 = new(new Shape(c.K));
        F.BiasError<double>(dy.Span, c.OutputShape[0], c.OutputShape[1], db.Span);
        F.WeightsError<double>(x.Span, c.InputShape, dy.Span, c.WeightsShape, dw.Span);
        ReferenceNN.Formulas.GradientDescent.Step<double>(w.Span, dw.Span, alpha);
        ReferenceNN.Formulas.GradientDescent.Step<double>(b.Span, db.Span, alpha);
        ConvolutionKernels.WeightsBiasAndStep(x.Span, c.InputShape, dy.Span, c.WeightsShape, w2.Span, b2.Span, dw2.Span, db2.Span, alpha,
            new double[c.WeightsShape.Size]);
        return dw.BitwiseEquals(dw2) && db.BitwiseEquals(db2) && w.BitwiseEquals(w2) && b.BitwiseEquals(b2);
    }
}
