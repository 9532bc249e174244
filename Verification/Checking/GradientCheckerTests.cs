using System;
using System.Linq;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Catalogue;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Checking;

public class GradientCheckerTests
{
    [Fact]
    public void CheckLayer_LeavesParametersAndInputBitIdentical()
    {
        var layer = new FullyConnected(3, 2, new Random(1));
        Tensor weights = layer.Weights.Clone(), bias = layer.Bias.Clone(), input = Tensor.Row(0.1, -0.2, 0.3), copy = input.Clone();
        GradientChecker.CheckLayer(layer, input, 4);
        Expect.Bitwise(weights, layer.Weights);
        Expect.Bitwise(bias, layer.Bias);
        Expect.Bitwise(copy, input);
    }

    [Fact]
    public void Report_Passing_NamesEachDerivativeAndTheWorstRelativeError()
    {
        GradientCheckReport report = GradientChecker.CheckLayer(new FullyConnected(3, 2, new Random(1)), Tensor.Row(0.1, -0.2, 0.3), 4);
        Assert.True(report.Passed);
        Assert.Equal(4, report.Seed);
        Assert.Equal(["inputError", "weightsError", "biasError"], report.Derivatives.Select(d => d.Derivative));
        Assert.All(report.Derivatives, d => Assert.Equal("FullyConnected", d.Owner));
        Assert.Equal(new Shape(3, 2), report.Derivatives[1].Shape);
        string text = report.ToString();
        Assert.StartsWith("Gradient check PASSED (Richardson, step 0.001·max(1,|x|), rtol 1E-07, atol 1E-09; reproduce with seed 4); worst rel error ", text);
        Assert.Contains("FullyConnected weightsError (3×2): ok", text);
        Assert.Equal(report.Derivatives.Max(d => d.WorstRelativeError), report.WorstRelativeError);
        Assert.True(report.WorstRelativeError < 1e-7);
    }

    [Fact]
    public void Report_Failing_NamesLayerDerivativeIndexBothValuesBothErrorsAndSeed()
    {
        WrongLayer layer = WrongDerivatives.ScaledBiasError(2, 3, 2, new Random(5));
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Tensor.Row(0.5, -1), 9);
        Assert.False(report.Passed);
        DerivativeCheck bias = report.Derivatives.Single(d => !d.Passed);
        ElementMismatch first = bias.Failures[0];
        Assert.Equal([0, 0], first.Index);
        string line = $"    FullyConnected with ∂E/∂B scaled by 2 biasError[0,0]: analytic {first.Analytic:R}, numeric {first.Numeric:R}, abs error ";
        Assert.Contains(line, report.ToString());
        Assert.Contains("rel error 1.000E+000", report.ToString());
        Assert.Contains("reproduce with seed 9", report.ToString());
        Assert.Contains("3 of 3 elements FAIL", bias.ToString());
        Assert.Equal(Math.Abs(first.Analytic - first.Numeric), first.AbsoluteError);
    }

    [Fact]
    public void Check_MaxFailuresListed_CountsAllButListsFew()
    {
        WrongLayer layer = WrongDerivatives.TransposedWeightsInInputError(6, new Random(2));
        GradientCheckReport report = GradientChecker.CheckLayer(layer, RandomTensor.Uniform(layer.InputShape, new Random(1)), 1,
            new GradientCheckOptions { MaxFailuresListed = 2 });
        DerivativeCheck input = report.Derivatives[0];
        Assert.Equal(2, input.Failures.Count);
        Assert.True(input.FailureCount > 2);
    }

    [Fact]
    public void Check_GivenUpstream_HasNoSeed_AndUsesIt()
    {
        var layer = new ActivationLayer(new Shape(1, 2), Tanh.Instance);
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Tensor.Row(0.3, 0.4), Tensor.Row(2, -3));
        Assert.Null(report.Seed);
        Assert.DoesNotContain("seed", report.ToString());
        Expect.Passed(report);
    }

    [Fact]
    public void Options_Tolerances_DecideAtTheBoundary()
    {
        // A derivative wrong by a relative 1e-5 passes PyTorch-like tolerances and fails the strict defaults.
        WrongLayer layer = WrongDerivatives.ScaledBiasError(2, 2, 1 + 1e-5, new Random(5));
        Tensor x = Tensor.Row(0.5, -1);
        Assert.False(GradientChecker.CheckLayer(layer, x, 3).Passed);
        Assert.True(GradientChecker.CheckLayer(layer, x, 3, new GradientCheckOptions { RelativeTolerance = 1e-3, AbsoluteTolerance = 1e-5 }).Passed);
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
        var options = new GradientCheckOptions { RelativeTolerance = rtol, AbsoluteTolerance = atol };
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

    [Fact]
    public void NumericDerivative_OfMse_IsTwoOverNTimesDifference()
    {
        Objective objective = Objective.ForLoss(MeanSquaredError.Instance, Tensor.Row(1, 2), Tensor.Row(0, 5));
        Tensor numeric = GradientChecker.NumericDerivative(objective, objective.Variables[0]);
        Expect.Close([-1, 3], numeric, 1e-10);
        Expect.Close([0, 5], objective.Variables[0].Values, 0);
    }

    [Fact]
    public void RelativeError_Definition()
    {
        Assert.Equal(0, GradientChecker.RelativeError(0, 0));
        Assert.Equal(0.5, GradientChecker.RelativeError(3, 2));
        Assert.Equal(double.PositiveInfinity, GradientChecker.RelativeError(1, 0));
    }

    [Fact]
    public void RandomUpstream_IsSeededUniformInMinusOneToOne_NeverAllOnes()
    {
        Tensor a = GradientChecker.RandomUpstream(new Shape(4, 5), new Random(3));
        Expect.Bitwise(a, GradientChecker.RandomUpstream(new Shape(4, 5), new Random(3)));
        Assert.All(a.Span.ToArray(), v => Assert.InRange(v, -1, 1));
        Assert.Contains(a.Span.ToArray(), v => v < 0);
        Assert.Equal(20, a.Span.ToArray().Distinct().Count());
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => GradientChecker.Check(null!));
        Assert.Throws<ArgumentNullException>(() => GradientChecker.CheckLayer(null!, Tensor.Row(1), 1));
        Assert.Throws<ArgumentNullException>(() => GradientChecker.RandomUpstream(new Shape(1), null!));
        Assert.Throws<ArgumentNullException>(() => GradientChecker.NumericDerivative(null!, null!));
    }
}
