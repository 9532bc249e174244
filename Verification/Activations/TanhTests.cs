using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Activations;

public class TanhTests
{
    [Fact]
    public void Function_KnownValues()
    {
        Assert.Equal(0, Tanh.Instance.Function(0));
        Assert.Equal(0.7615941559557649, Tanh.Instance.Function(1), 15);
        Assert.Equal(-0.7615941559557649, Tanh.Instance.Function(-1), 15);
        Assert.Equal("tanh", Tanh.Instance.Name);
        Assert.Equal("tanh", Tanh.Instance.ToString());
    }

    [Fact]
    public void Derivative_IsOneMinusTanhSquared()
    {
        Assert.Equal(1, Tanh.Instance.Derivative(0));
        // 1 − tanh²(1) = 1 − 0.7615941559557649²
        Assert.Equal(0.41997434161402614, Tanh.Instance.Derivative(1), 15);
        Assert.Equal(Tanh.Instance.Derivative(1), Tanh.Instance.Derivative(-1));
    }

    [Property(Replay = Seeds.Replay, MaxTest = 200, Arbitrary = [typeof(Arbitraries)])]
    public Property Derivative_MatchesRichardsonDifference(ScalarCase c) =>
        ActivationContract.DerivativeMatches(Tanh.Instance, c.X);
}

/// <summary>What every activation must satisfy, shared by the activation test files.</summary>
public static class ActivationContract
{
    public static Property DerivativeMatches(Activation activation, double x)
    {
        double numeric = NumericalDerivative.Estimate(activation.Function, x);
        double analytic = activation.Derivative(x);
        bool ok = Math.Abs(analytic - numeric) <= 1e-9 + 1e-7 * Math.Abs(numeric);
        WorstErrors.Record($"{activation.Name}′", Math.Abs(numeric) > 1e-9 ? GradientChecker.RelativeError(analytic, numeric) : 0);
        return ok.Label($"{activation.Name}′({x:R}): analytic {analytic:R}, numeric {numeric:R}");
    }

    /// <summary>The left and right difference quotients at 0 with step 2⁻²⁷, exact for a piecewise-linear f.</summary>
    public static (double Left, double Right) OneSidedAtZero(Activation activation)
    {
        const double h = 1.0 / (1 << 27);
        return ((activation.Function(0) - activation.Function(-h)) / h, (activation.Function(h) - activation.Function(0)) / h);
    }
}
