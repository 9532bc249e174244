using System;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Catalogue;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Checking;

public class GradientCheckOptionsTests
{
    [Fact]
    public void Defaults_AreStrictDoublePrecisionLimits()
    {
        GradientCheckOptions d = GradientCheckOptions.Default;
        Assert.Equal((1e-8, 1e-9, DifferenceMethod.Ridders, 1e-3, 10), (d.RelativeTolerance, d.ScaleTolerance, d.Method, d.StepScale, d.MaxFailuresListed));
    }

    [Fact]
    public void Options_Tolerances_DecideAtTheBoundary()
    {
        // A derivative wrong by a relative 1e-5 passes PyTorch-like tolerances and fails the strict defaults.
        WrongLayer layer = WrongDerivatives.ScaledBiasError(2, 2, 1 + 1e-5, new Rng(5));
        Tensor x = Tensor.Row(0.5, -1);
        Assert.False(GradientChecker.CheckLayer(layer, x, 3).Passed);
        Assert.True(GradientChecker.CheckLayer(layer, x, 3, new GradientCheckOptions { RelativeTolerance = 1e-3, ScaleTolerance = 1e-5 }).Passed);
    }

    [Fact]
    public void Options_CentralMethod_IsUsedWhenAsked()
    {
        var layer = new ActivationLayer(new Shape(1, 3), Tanh.Instance);
        Tensor x = Tensor.Row(0.5, 1.5, -2);
        GradientCheckReport central = GradientChecker.CheckLayer(layer, x, 2, new GradientCheckOptions { Method = DifferenceMethod.Central, RelativeTolerance = 1e-4 });
        GradientCheckReport richardson = GradientChecker.CheckLayer(layer, x, 2);
        Assert.StartsWith("Gradient check PASSED (Central,", central.ToString());
        Assert.True(central.WorstRelativeError > 100 * richardson.WorstRelativeError, $"{central.WorstRelativeError} vs {richardson.WorstRelativeError}");
        Assert.False(GradientChecker.CheckLayer(layer, x, 2, new GradientCheckOptions { Method = DifferenceMethod.Central }).Passed);
    }

    [Theory]
    [InlineData(-1.0, 1e-9)]
    [InlineData(1e-7, double.NaN)]
    [InlineData(double.PositiveInfinity, 1e-9)]
    public void Options_BadTolerances_Throw(double rtol, double atol)
    {
        var options = new GradientCheckOptions { RelativeTolerance = rtol, ScaleTolerance = atol };
        Expect.Throws<ArgumentOutOfRangeException>(() => GradientChecker.CheckLoss(MeanSquaredError.Instance, Tensor.Row(1), Tensor.Row(2), options),
            "tolerances must be finite and non-negative");
    }

    [Fact]
    public void Options_BadStepOrListCount_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.CheckLoss(MeanSquaredError.Instance, Tensor.Row(1), Tensor.Row(2), new GradientCheckOptions { StepScale = 0 }));
        Expect.Throws<ArgumentOutOfRangeException>(() => GradientChecker.CheckLoss(MeanSquaredError.Instance, Tensor.Row(1), Tensor.Row(2), new GradientCheckOptions { MaxFailuresListed = -1 }),
            "MaxFailuresListed must not be negative");
    }
}
