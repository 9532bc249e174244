using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class DropoutTests
{
    /// <summary>A source that returns the given 64-bit draws in turn.</summary>
    private sealed class Draws(params ulong[] values) : RandomSource
    {
        private int _next;

        public override ulong NextUInt64() => values[_next++ % values.Length];
    }

    [Fact]
    public void Forward_ADrawEqualToTheRate_KeepsTheElement_AndADrawOfZeroKeepsItAtRateZero()
    {
        // An element is kept when its draw u satisfies u ≥ p, which has probability 1 − p: the boundary u = p keeps.
        // 2⁶³ is the draw 0.5 exactly, and 0 the draw 0.0.
        var half = new Dropout(new Shape(1, 2), 0.5, new Draws(1UL << 63, (1UL << 63) - (1UL << 11))) { IsTraining = true };
        half.Forward(Tensor.Row(3, 3));
        Expect.Bitwise(Tensor.Row(1, 0), half.Mask); // 0.5 keeps; the double just below 0.5 drops
        var none = new Dropout(new Shape(1, 2), 0, new Draws(0, 0)) { IsTraining = true };
        Expect.Bitwise(Tensor.Row(3, 3), none.Forward(Tensor.Row(3, 3))); // rate 0 drops nothing, even on a draw of 0
    }

    [Fact]
    public void AdjointTest_OnADropoutThatDrawsItsMask_LeavesTheMaskItHad()
    {
        // The adjoint test runs two training forwards, each drawing a new mask; the layer is restored afterwards.
        var layer = new Dropout(new Shape(1, 8), 0.5, new Rng(7)) { IsTraining = true };
        layer.Forward(Tensor.Row(1, 2, 3, 4, 5, 6, 7, 8));
        Tensor mask = layer.Mask;
        AdjointTest.ForInput(layer, Tensor.Row(8, 7, 6, 5, 4, 3, 2, 1), Tensor.Row(1, 1, 1, 1, 1, 1, 1, 1));
        Assert.False(mask.BitwiseEquals(DrawnAfter(2)), "the two forwards of the test would have left another mask");
        Expect.Bitwise(mask, layer.Mask);
    }

    /// <summary>The mask a Dropout(1×8, 0.5, Rng(7)) holds after its third training forward (the state a missing restore leaves).</summary>
    private static Tensor DrawnAfter(int forwards)
    {
        var layer = new Dropout(new Shape(1, 8), 0.5, new Rng(7)) { IsTraining = true };
        for (int n = 0; n <= forwards; n++) layer.Forward(new Tensor(new Shape(1, 8)));
        return layer.Mask;
    }

    [Fact]
    public void Forward_Training_ScalesKeptElementsByOneOverOneMinusRate()
    {
        var layer = new Dropout(new Shape(1, 4), 0.5, Tensor.Row(1, 0, 1, 0)) { IsTraining = true };
        Expect.Close([2, 0, 6, 0], layer.Forward(Tensor.Row(1, 2, 3, 4)), 0);
        Expect.Close([-2, 0, 4, 0], layer.Backward(Tensor.Row(-1, 5, 2, 7)), 0);
        Assert.True(layer.IsMaskFixed);
        Assert.Equal(0.5, layer.Rate);
    }

    [Fact]
    public void Forward_Inference_IsTheIdentity()
    {
        var layer = new Dropout(new Shape(1, 3), 0.9, new Rng(1));
        Expect.Close([1, 2, 3], layer.Forward(Tensor.Row(1, 2, 3)), 0);
        Expect.Close([4, 5, 6], layer.Backward(Tensor.Row(4, 5, 6)), 0);
    }

    [Fact]
    public void Backward_UsesTheModeOfTheLastForward()
    {
        var layer = new Dropout(new Shape(1, 2), 0.5, Tensor.Row(0, 1)) { IsTraining = true };
        layer.Forward(Tensor.Row(1, 1));
        layer.IsTraining = false;
        Expect.Close([0, 2], layer.Backward(Tensor.Row(1, 1)), 0);
    }

    [Fact]
    public void Forward_Training_DrawsANewSeededMaskEachTime()
    {
        var a = new Dropout(new Shape(1, 64), 0.5, new Rng(3)) { IsTraining = true };
        var b = new Dropout(new Shape(1, 64), 0.5, new Rng(3)) { IsTraining = true };
        Tensor ones = RandomTensor.Uniform(new Shape(1, 64), new Rng(1), 1, 2);
        a.Forward(ones);
        b.Forward(ones);
        Expect.Bitwise(a.Mask, b.Mask);
        Tensor first = a.Mask.Clone();
        a.Forward(ones);
        Assert.False(first.BitwiseEquals(a.Mask));
        Assert.All(a.Mask.Span.ToArray(), m => Assert.True(m == 0 || m == 1));
        Assert.False(a.IsMaskFixed);
    }

    [Fact]
    public void SetMask_FixesIt_AndReleaseMaskDrawsAgain()
    {
        var layer = new Dropout(new Shape(1, 3), 0.5, new Rng(3)) { IsTraining = true };
        layer.SetMask(Tensor.Row(1, 1, 0));
        layer.Forward(Tensor.Row(1, 1, 1));
        layer.Forward(Tensor.Row(1, 1, 1));
        Expect.Close([1, 1, 0], layer.Mask, 0);
        layer.ReleaseMask();
        Assert.False(layer.IsMaskFixed);
        Expect.Throws<InvalidOperationException>(() => new Dropout(new Shape(1, 1), 0.5, Tensor.Row(1)).ReleaseMask(),
            "Dropout.ReleaseMask: this layer has no RandomSource to draw masks from");
    }

    [Fact]
    public void BadArguments_ClearMessages()
    {
        Expect.Throws<ArgumentOutOfRangeException>(() => new Dropout(new Shape(1, 1), 1, new Rng(1)), "Dropout: the rate must be in [0, 1), not 1");
        Expect.Throws<ArgumentOutOfRangeException>(() => new Dropout(new Shape(1, 1), -0.1, new Rng(1)), "not -0.1");
        Expect.Throws<ArgumentOutOfRangeException>(() => new Dropout(new Shape(1, 1), double.NaN, new Rng(1)), "not NaN");
        Assert.Throws<ArgumentNullException>(() => new Dropout(new Shape(1, 1), 0.5, (RandomSource)null!));
        Assert.Throws<ArgumentNullException>(() => new Dropout(new Shape(1, 1), 0.5, (Tensor)null!));
        Expect.Throws<ArgumentException>(() => new Dropout(new Shape(1, 2), 0.5, Tensor.Row(1, 0.5)), "Dropout.SetMask: mask[0,1] is 0.5 but a mask holds only 0 and 1");
        Expect.Throws<ArgumentException>(() => new Dropout(new Shape(1, 2), 0.5, Tensor.Row(1)), "Dropout.SetMask: mask is 1×1 but 1×2 is required");
    }

    [Fact]
    public void Training_KeepsTheExpectedValue_WithinFiveStandardErrors()
    {
        // Y = X ⊙ M/(1 − p) with M ~ Bernoulli(1 − p): E[Y] = X and Var[Y] = X²·p/(1 − p). The mean of N draws has
        // standard error |X|·√(p/((1 − p)·N)); each element's mean must be within 5 of them (a fixed seed makes
        // this deterministic; a biased layer, e.g. without the 1/(1 − p), misses by hundreds of standard errors).
        const int draws = 20000;
        const double rate = 0.3;
        var layer = new Dropout(new Shape(1, 8), rate, new Rng(2026)) { IsTraining = true };
        Tensor x = RandomTensor.Uniform(new Shape(1, 8), new Rng(7), 0.5, 2);
        var sum = new double[8];
        int kept = 0;
        for (int n = 0; n < draws; n++)
        {
            Tensor y = layer.Forward(x);
            for (int i = 0; i < 8; i++) sum[i] += y.Span[i];
            foreach (double m in layer.Mask.Span) kept += (int)m;
        }
        for (int i = 0; i < 8; i++)
        {
            double mean = sum[i] / draws;
            double standardError = x.Span[i] * Math.Sqrt(rate / ((1 - rate) * draws));
            Assert.True(Math.Abs(mean - x.Span[i]) <= 5 * standardError, $"element {i}: mean {mean}, x {x.Span[i]}, standard error {standardError}");
        }
        // The kept fraction is Binomial(8N, 1 − p)/(8N): standard error √(p(1 − p)/(8N)).
        double keptFraction = kept / (8.0 * draws);
        Assert.True(Math.Abs(keptFraction - (1 - rate)) <= 5 * Math.Sqrt(rate * (1 - rate) / (8.0 * draws)), $"kept {keptFraction}");
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_FixedMask_MatchesRichardsonDifferences(DropoutCase c) =>
        LayerContract.GradientsMatch("Dropout (fixed mask) through random upstream", c.Layer(), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Backward_FixedMask_IsTheAdjointOfTheMasking(DropoutCase c) =>
        LayerContract.InputAdjointHolds(c.Layer(), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Backward_FixedMask_TaylorRemainderShrinksAsEpsilonSquared(DropoutCase c) =>
        LayerContract.TaylorHolds(c.Layer(), c.Input(), c.Seed);
}
