using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Checking;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Losses;

public class BinaryCrossEntropyTests
{
    private static readonly BinaryCrossEntropy Bce = BinaryCrossEntropy.Instance;

    [Fact]
    public void Error_HandComputedCase()
    {
        // −(1/2)[1·log 0.8 + (1 − 0.25)·log(1 − 0.5) + 0.25·log 0.5]
        double expected = -(Math.Log(0.8) + 0.75 * Math.Log(0.5) + 0.25 * Math.Log(0.5)) / 2;
        Assert.Equal(expected, Bce.Value(Tensor.Row(1, 0.25), Tensor.Row(0.8, 0.5)), 1e-16);
        Assert.Equal("binary_cross_entropy", Bce.Name);
    }

    [Fact]
    public void Derivative_HandComputedCase()
    {
        // (1/2)(−1/0.8) and (1/2)(−0.25/0.5 + 0.75/0.5)
        Expect.Close([-0.625, 0.5], Bce.Derivative(Tensor.Row(1, 0.25), Tensor.Row(0.8, 0.5)), 1e-16);
    }

    [Fact]
    public void AtZeroAndOne_AgreeingTargets_GiveZeroLossAndFiniteDerivative()
    {
        // y = y* ∈ {0, 1}: every term has weight 0 or log 1 = 0.
        Assert.Equal(0, Bce.Value(Tensor.Row(0, 1), Tensor.Row(0, 1)));
        // ∂E/∂y at y = y* = 0 is (1/n)·1/(1 − 0); at y = y* = 1 it is (1/n)·(−1/1).
        Expect.Close([0.5, -0.5], Bce.Derivative(Tensor.Row(0, 1), Tensor.Row(0, 1)), 0);
    }

    [Fact]
    public void AtZeroAndOne_DisagreeingTargets_GiveInfiniteLossAndDerivative()
    {
        Assert.Equal(double.PositiveInfinity, Bce.Value(Tensor.Row(1), Tensor.Row(0)));
        Assert.Equal(double.PositiveInfinity, Bce.Value(Tensor.Row(0), Tensor.Row(1)));
        Assert.Equal(double.NegativeInfinity, Bce.Derivative(Tensor.Row(1), Tensor.Row(0)).Span[0]);
        Assert.Equal(double.PositiveInfinity, Bce.Derivative(Tensor.Row(0), Tensor.Row(1)).Span[0]);
    }

    [SeededProperty(MaxTest = 100)]
    public Property Derivative_MatchesRichardsonDifferences(ShapeCase c)
    {
        GradientCheckReport report = GradientChecker.CheckLoss(Bce, c.Target(0, 1), c.Input(0.05, 0.95));
        WorstErrors.Record("BCE outputError", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Derivative_TaylorRemainder_ShrinksAsEpsilonSquared(ShapeCase c)
    {
        TaylorReport report = TaylorTest.Run(Objective.ForLoss(Bce, c.Target(0, 1), c.Input(0.05, 0.95)), c.Seed);
        return report.Passed.Label(report.ToString());
    }
}
