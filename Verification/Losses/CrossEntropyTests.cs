using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Checking;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Losses;

public class CrossEntropyTests
{
    private static readonly CrossEntropy Ce = CrossEntropy.Instance;

    [Fact]
    public void Error_HandComputedCase_IsMinusSumOfTargetTimesLog()
    {
        Assert.Equal(-(0.25 * Math.Log(0.5) + 0.75 * Math.Log(0.25)), Ce.Value(Tensor.Row(0.25, 0.75, 0), Tensor.Row(0.5, 0.25, 0.25)), 1e-16);
        Assert.Equal("cross_entropy", Ce.Name);
    }

    [Fact]
    public void Derivative_HandComputedCase_IsMinusTargetOverOutput()
    {
        Expect.Close([-0.5, -3, 0], Ce.Derivative(Tensor.Row(0.25, 0.75, 0), Tensor.Row(0.5, 0.25, 0.25)), 0);
    }

    [Fact]
    public void AtZero_TermsWithZeroTargetVanish_OthersAreInfinite()
    {
        Assert.Equal(-Math.Log(0.5), Ce.Value(Tensor.Row(1, 0), Tensor.Row(0.5, 0)));
        Expect.Close([-2, 0], Ce.Derivative(Tensor.Row(1, 0), Tensor.Row(0.5, 0)), 0);
        Assert.Equal(double.PositiveInfinity, Ce.Value(Tensor.Row(0, 1), Tensor.Row(1, 0)));
        Assert.Equal(double.NegativeInfinity, Ce.Derivative(Tensor.Row(0, 1), Tensor.Row(1, 0)).Span[1]);
    }

    [SeededProperty(MaxTest = 100)]
    public Property Derivative_MatchesRichardsonDifferences(ShapeCase c)
    {
        GradientCheckReport report = GradientChecker.CheckLoss(Ce, c.Target(0, 1), c.Input(0.05, 1));
        WorstErrors.Record("cross-entropy outputError", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Derivative_TaylorRemainder_ShrinksAsEpsilonSquared(ShapeCase c)
    {
        TaylorReport report = TaylorTest.Run(Objective.ForLoss(Ce, c.Target(0, 1), c.Input(0.05, 1)), c.Seed);
        return report.Passed.Label(report.ToString());
    }
}
