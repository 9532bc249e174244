using System;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Activations;

public class ActivationTests
{
    private sealed class Square : Activation
    {
        public override string Name => "square";

        public override double Function(double x) => x * x;

        public override double Derivative(double x) => 2 * x;
    }

    [Fact]
    public void ToString_IsTheName() => Assert.Equal("square", new Square().ToString());

    [Fact]
    public void AUserActivation_WorksInALayerAndPassesTheChecker()
    {
        var layer = new ReferenceNN.Layers.ActivationLayer(new Shape(1, 3), new Square());
        Expect.Passed(GradientChecker.CheckLayer(layer, Tensor.Row(0.5, -1, 2), 3));
        Assert.Equal("ActivationLayer(square)", layer.Name);
    }
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
