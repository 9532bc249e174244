using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class ActivationLayerTests
{
    [Fact]
    public void Forward_AppliesTheFunctionToEachElement()
    {
        var layer = new ActivationLayer(new Shape(1, 3), Tanh.Instance);
        Expect.Close([0, Math.Tanh(1), Math.Tanh(-2)], layer.Forward(Tensor.Row(0, 1, -2)), 0);
        Assert.Equal("ActivationLayer(tanh)", layer.Name);
        Assert.Empty(layer.Parameters);
        Assert.Same(Tanh.Instance, layer.Activation);
    }

    [Fact]
    public void Backward_IsDerivativeTimesOutputErrorElementWise()
    {
        var layer = new ActivationLayer(new Shape(1, 3), Tanh.Instance);
        layer.Forward(Tensor.Row(0, 1, -2));
        Tensor inputError = layer.Backward(Tensor.Row(0.5, -1, 2));
        double t1 = Math.Tanh(1), t2 = Math.Tanh(-2);
        Expect.Close([0.5 * 1, -1 * (1 - t1 * t1), 2 * (1 - t2 * t2)], inputError, 1e-15);
    }

    [Fact]
    public void Forward_WrongShape_MessageNamesBothShapes()
    {
        var layer = new ActivationLayer(new Shape(2, 2, 1), Tanh.Instance);
        Expect.Throws<ArgumentException>(() => layer.Forward(Tensor.Row(1, 2, 3, 4)),
            "ActivationLayer(tanh).Forward: input is 1×4 but the layer takes 2×2×1");
    }

    [Fact]
    public void Constructor_NullActivation_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ActivationLayer(new Shape(1, 1), null!));
    }

    [Fact]
    public void BackwardPropagation_NoParameters_IsBackward()
    {
        var layer = new ActivationLayer(new Shape(1, 2), Tanh.Instance);
        layer.Forward(Tensor.Row(0.3, -0.2));
        Tensor viaBackward = layer.Backward(Tensor.Row(1, 2)).Clone();
        Expect.Bitwise(viaBackward, layer.BackwardPropagation(Tensor.Row(1, 2), 0.1));
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_InputError_MatchesRichardsonDifferences(ShapeCase c)
    {
        GradientCheckReport report = GradientChecker.CheckLayer(new ActivationLayer(c.Shape, Tanh.Instance), c.Input(), c.Seed);
        WorstErrors.Record("ActivationLayer(tanh) through random upstream", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_TaylorRemainder_ShrinksAsEpsilonSquared(ShapeCase c)
    {
        TaylorReport report = TaylorTest.Run(
            Objective.ForLayer(new ActivationLayer(c.Shape, Tanh.Instance), c.Input(), MeanSquaredError.Instance, c.Target()), c.Seed);
        return report.Passed.Label(report.ToString());
    }
}
