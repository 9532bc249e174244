using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Checking;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Losses;

public class MeanSquaredErrorTests
{
    private static readonly MeanSquaredError Mse = MeanSquaredError.Instance;

    [Fact]
    public void Error_HandComputedCase_IsMeanOfSquaredDifferences()
    {
        // ((1 − 0.5)² + (0 − 0.5)² + (2 − 0)²) / 3 = (0.25 + 0.25 + 4) / 3
        Assert.Equal(1.5, Mse.Value(Tensor.Row(1, 0, 2), Tensor.Row(0.5, 0.5, 0)));
        Assert.Equal("mse", Mse.Name);
        Assert.Equal("mse", Mse.ToString());
    }

    [Fact]
    public void Derivative_HandComputedCase_IsTwoOverNTimesOutputMinusTarget()
    {
        // 2(y − y*)/3 for y − y* = [−0.5, 0.5, −2]
        Expect.Close([-1.0 / 3, 1.0 / 3, -4.0 / 3], Mse.Derivative(Tensor.Row(1, 0, 2), Tensor.Row(0.5, 0.5, 0)), 1e-16);
        var destination = new Tensor(new Shape(1, 3));
        Mse.Derivative(Tensor.Row(1, 0, 2), Tensor.Row(0.5, 0.5, 0), destination);
        Expect.Bitwise(Mse.Derivative(Tensor.Row(1, 0, 2), Tensor.Row(0.5, 0.5, 0)), destination);
    }

    [Fact]
    public void Value_ShapesDiffer_MessageNamesBothShapes()
    {
        Expect.Throws<ArgumentException>(() => Mse.Value(Tensor.Row(1, 2), Tensor.Row(1, 2, 3)),
            "MeanSquaredError.Value: target is 1×2 but output is 1×3");
        Expect.Throws<ArgumentException>(() => Mse.Derivative(Tensor.Row(1, 2), Tensor.Row(1, 2, 3)),
            "MeanSquaredError.Derivative: target is 1×2 but output is 1×3");
        Expect.Throws<ArgumentException>(() => Mse.Derivative(Tensor.Row(1, 2), Tensor.Row(1, 2), Tensor.Row(1)),
            "MeanSquaredError.Derivative: outputError is 1×1 but output is 1×2");
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Mse.Value(null!, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => Mse.Value(Tensor.Row(1), null!));
        Assert.Throws<ArgumentNullException>(() => Mse.Derivative(Tensor.Row(1), Tensor.Row(1), null!));
    }

    [SeededProperty(MaxTest = 100)]
    public Property Derivative_MatchesRichardsonDifferences(ShapeCase c)
    {
        GradientCheckReport report = GradientChecker.CheckLoss(Mse, c.Target(), c.Input());
        WorstErrors.Record("MSE outputError", report);
        return report.Passed.Label(report.ToString());
    }

    [SeededProperty(MaxTest = 100)]
    public Property Derivative_TaylorRemainder_ShrinksAsEpsilonSquared(ShapeCase c)
    {
        TaylorReport report = TaylorTest.Run(Objective.ForLoss(Mse, c.Target(), c.Input()), c.Seed);
        return report.Passed.Label(report.ToString());
    }
}
