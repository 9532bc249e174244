using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class SoftmaxTests
{
    [Fact]
    public void Forward_HandComputedCase_IsExpOverSumOfExp()
    {
        // softmax([0, ln 2, ln 3]) = [1, 2, 3]/6
        var layer = new Softmax(new Shape(1, 3));
        Expect.Close([1.0 / 6, 2.0 / 6, 3.0 / 6], layer.Forward(Tensor.Row(0, Math.Log(2), Math.Log(3))), 1e-16);
    }

    [Fact]
    public void Forward_LargeLogits_StayFiniteBySubtractingTheMaximum()
    {
        var layer = new Softmax(new Shape(1, 3));
        Tensor y = layer.Forward(Tensor.Row(1000, 1000 + Math.Log(2), -1000));
        // 1000 + ln 2 is itself rounded to 1.1e-13, which bounds the agreement.
        Expect.Close([1.0 / 3, 2.0 / 3, 0], y, 1e-12);
        Expect.Close([0, 1], new Softmax(new Shape(1, 2)).Forward(Tensor.Row(-800, 800)), 0);
    }

    [Fact]
    public void Backward_HandComputedCase_IsYTimesOutputErrorMinusItsMean()
    {
        // y = [1/2, 1/2], ∂E/∂Y = [1, 3]: ⟨∂E/∂Y, Y⟩ = 2, ∂E/∂X = [1/2·(1 − 2), 1/2·(3 − 2)]
        var layer = new Softmax(new Shape(1, 2));
        layer.Forward(Tensor.Row(0.7, 0.7));
        Expect.Close([-0.5, 0.5], layer.Backward(Tensor.Row(1, 3)), 0);
    }

    [Fact]
    public void WithCrossEntropy_InputErrorIsOutputMinusTarget()
    {
        var layer = new Softmax(new Shape(1, 4));
        Tensor y = layer.Forward(Tensor.Row(0.3, -1.2, 2.0, 0.1)).Clone();
        Tensor target = Tensor.Row(0.1, 0.2, 0.3, 0.4);
        Tensor inputError = layer.Backward(CrossEntropy.Instance.Derivative(target, y));
        Expect.Close([y.Span[0] - 0.1, y.Span[1] - 0.2, y.Span[2] - 0.3, y.Span[3] - 0.4], inputError, 1e-15);
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_FullJacobian_MatchesRichardsonDifferences(ShapeCase c) =>
        LayerContract.GradientsMatch("Softmax through random upstream", new Softmax(c.Shape), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Backward_ThroughCrossEntropy_MatchesRichardsonDifferences(ShapeCase c)
    {
        Tensor target = RandomTensor.Uniform(c.Shape, new Rng(c.Seed), 0, 1);
        GradientCheckReport report = GradientChecker.CheckLayer(new Softmax(c.Shape), c.Input(), CrossEntropy.Instance, target);
        WorstErrors.Record("Softmax through cross-entropy", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_TaylorRemainder_ShrinksAsEpsilonSquared(ShapeCase c) =>
        LayerContract.TaylorHolds(new Softmax(c.Shape), c.Input(), c.Seed);
}
