using System;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.FastKernels;
using ReferenceNN.Verification.Support;
using System.Linq;
using Xunit;
using F = ReferenceNN.Formulas.FullyConnected;

namespace ReferenceNN.Verification.FastKernels;

/// <summary>
/// The fully connected layer's fast kernels against its literal formulas, bit for bit, on random sizes (odd and even
/// input sizes, so both the paired rows and the last single row run) and values spread over forty binades, where any
/// change in the order of a sum would show.
/// </summary>
public class FullyConnectedKernelsTests
{
    /// <summary>Sizes i, j and independent seeds for the input, the weights and bias, the upstream error and the learning rate.</summary>
    public sealed record KernelCase(int InputSize, int OutputSize, int InputSeed, int WeightsSeed, int ErrorSeed, int RateSeed)
    {
        public Tensor Input() => WideValues.Tensor(new Shape(1, InputSize), new Rng(InputSeed));

        public (Tensor Weights, Tensor Bias) Parameters()
        {
            var random = new Rng(WeightsSeed);
            return (WideValues.Tensor(new Shape(InputSize, OutputSize), random), WideValues.Tensor(new Shape(1, OutputSize), random));
        }

        public Tensor OutputError() => WideValues.Tensor(new Shape(1, OutputSize), new Rng(ErrorSeed));

        public double LearningRate() => WideValues.Tensor(new Shape(1), new Rng(RateSeed)).Span[0];

        public static Arbitrary<KernelCase> Arbitrary() =>
            (from i in Gen.Choose(1, 40)
             from j in Gen.Choose(1, 40)
             from seeds in Gen.Choose(0, int.MaxValue).ArrayOf(4)
             select new KernelCase(i, j, seeds[0], seeds[1], seeds[2], seeds[3])).ToArbitrary();
    }

    public static class Cases
    {
        public static Arbitrary<KernelCase> KernelCase() => FullyConnectedKernelsTests.KernelCase.Arbitrary();
    }

    [SeededProperty(MaxTest = 300, Arbitrary = [typeof(Cases)])]
    public bool Forward_IsTheLiteralForward_BitForBit_AtEveryVectorWidth(KernelCase c) => Widths.AtEvery(() => ForwardAgrees(c));

    [SeededProperty(MaxTest = 300, Arbitrary = [typeof(Cases)])]
    public bool BackwardPropagation_IsTheLiteralBackwardThenTheStep_BitForBit_AtEveryVectorWidth(KernelCase c) =>
        Widths.AtEvery(() => BackwardAgrees(c, inputErrorNeeded: true) && BackwardAgrees(c, inputErrorNeeded: false));

    [Fact]
    public void BothKernels_AtTheMnistSize_784By100_AreTheLiteralFormulas_BitForBit_AtEveryVectorWidth()
    {
        var c = new KernelCase(784, 100, 1, 2, 3, 4);
        Assert.True(Widths.AtEvery(() => ForwardAgrees(c)));
        Assert.True(Widths.AtEvery(() => BackwardAgrees(c, inputErrorNeeded: true)));
    }

    private static bool ForwardAgrees(KernelCase c)
    {
        Tensor x = c.Input();
        (Tensor w, Tensor b) = c.Parameters();
        Tensor literal = new(new Shape(1, c.OutputSize)), fast = new(new Shape(1, c.OutputSize));
        WideValues.Fill(fast.Span, new Rng(7)); // the kernel must not depend on what the output held
        F.Forward<double>(x.Span, w.Span, b.Span, literal.Span);
        FullyConnectedKernels.Forward(x.Span, w.Span, b.Span, fast.Span);
        return literal.BitwiseEquals(fast);
    }

    private static bool BackwardAgrees(KernelCase c, bool inputErrorNeeded)
    {
        Tensor x = c.Input(), dy = c.OutputError();
        double alpha = c.LearningRate();
        (Tensor w, Tensor b) = c.Parameters();
        Tensor w2 = w.Clone(), b2 = b.Clone();
        var shapeX = new Shape(1, c.InputSize);
        Tensor dx = new(shapeX), dw = new(w.Shape), db = new(b.Shape);
        F.InputError<double>(dy.Span, w.Span, dx.Span);
        F.WeightsError<double>(x.Span, dy.Span, dw.Span);
        F.BiasError<double>(dy.Span, db.Span);
        ReferenceNN.Formulas.GradientDescent.Step<double>(w.Span, dw.Span, alpha);
        ReferenceNN.Formulas.GradientDescent.Step<double>(b.Span, db.Span, alpha);

        Tensor dx2 = new(shapeX), dw2 = new(w.Shape), db2 = new(b.Shape);
        FullyConnectedKernels.BackwardPropagation(x.Span, dy.Span, w2.Span, b2.Span, dx2.Span, dw2.Span, db2.Span, alpha, inputErrorNeeded);
        return (!inputErrorNeeded || dx.BitwiseEquals(dx2)) && dw.BitwiseEquals(dw2) && db.BitwiseEquals(db2) && w.BitwiseEquals(w2) && b.BitwiseEquals(b2);
    }
}
