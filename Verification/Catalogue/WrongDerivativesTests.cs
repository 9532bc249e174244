using System;
using System.Linq;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Catalogue;

/// <summary>
/// The checker has teeth: every entry of the catalogue is rejected by the gradient checker, naming the wrong
/// derivative, and by the Taylor test (rate near 1) or the adjoint test where the map is linear.
/// </summary>
public class WrongDerivativesTests
{
    private const int Seed = 20261128;

    private static Tensor Input(Shape shape, int seed = Seed) => RandomTensor.Uniform(shape, new Rng(seed), -2, 2);

    private static void RejectedOn(GradientCheckReport report, string derivative)
    {
        Assert.False(report.Passed, report.ToString());
        DerivativeCheck failing = Assert.Single(report.Derivatives, d => !d.Passed);
        Assert.Equal(derivative, failing.DerivativeName);
        Assert.Contains("FAILED", report.ToString());
        Assert.Contains(derivative, report.ToString());
    }

    private static void TaylorRejects(Objective objective)
    {
        TaylorReport report = TaylorTest.Run(objective, Seed);
        Assert.False(report.Passed, report.ToString());
        Assert.InRange(report.Rate, 0.8, 1.2);
    }

    [Fact]
    public void TransposedWeightsInInputError_IsRejectedByCheckerAdjointAndTaylor()
    {
        WrongLayer layer = WrongDerivatives.TransposedWeightsInInputError(4, new Rng(Seed));
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Input(layer.InputShape), Seed);
        RejectedOn(report, "inputError");
        Assert.Contains($"reproduce with seed {Seed}", report.ToString());

        ((FullyConnected)layer.Inner).Bias.Span.Clear();
        AdjointReport adjoint = AdjointTest.ForInput(layer, Input(layer.InputShape), GradientChecker.RandomUpstream(layer.OutputShape, new Rng(1)));
        Assert.False(adjoint.Passed, adjoint.ToString());
        Assert.True(adjoint.RelativeDifference > 1e-3, adjoint.ToString());

        TaylorRejects(Objective.ForLayer(layer, Input(layer.InputShape), MeanSquaredError.Instance, Input(layer.OutputShape, 5)));
    }

    [Fact]
    public void MissingBiasError_IsRejectedByCheckerAndTaylor()
    {
        WrongLayer layer = WrongDerivatives.MissingBiasError(3, 2, new Rng(Seed));
        RejectedOn(GradientChecker.CheckLayer(layer, Input(layer.InputShape), Seed), "biasError");
        TaylorRejects(Objective.ForLayer(layer, Input(layer.InputShape), MeanSquaredError.Instance, Input(layer.OutputShape, 5)));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(1 + 1e-5)]
    public void ScaledBiasError_IsRejectedByChecker(double factor)
    {
        WrongLayer layer = WrongDerivatives.ScaledBiasError(3, 2, factor, new Rng(Seed));
        GradientCheckReport report = GradientChecker.CheckLayer(layer, Input(layer.InputShape), Seed);
        RejectedOn(report, "biasError");
        DerivativeCheck bias = report.Derivatives.Single(d => d.DerivativeName == "biasError");
        Assert.Equal(2, bias.FailureCount);
        foreach (ElementMismatch failure in bias.Failures)
        {
            Assert.Equal(factor, failure.Analytic / failure.Numeric, 1e-9);
            Assert.Equal(Math.Abs(factor - 1), failure.RelativeError, 1e-9);
        }
    }

    [Fact]
    public void ScaledBiasError_IsRejectedByTaylor()
    {
        WrongLayer layer = WrongDerivatives.ScaledBiasError(3, 2, 2, new Rng(Seed));
        TaylorRejects(Objective.ForLayer(layer, Input(layer.InputShape), MeanSquaredError.Instance, Input(layer.OutputShape, 5)));
    }

    [Fact]
    public void MseWithoutTwo_IsRejectedByCheckerAndTaylor()
    {
        Tensor target = Input(new Shape(1, 5), 1), output = Input(new Shape(1, 5), 2);
        GradientCheckReport report = GradientChecker.CheckLoss(new MseWithoutTwo(), target, output);
        RejectedOn(report, "outputError");
        Assert.All(report.Derivatives[0].Failures, f => Assert.Equal(0.5, f.Analytic / f.Numeric, 1e-9));
        TaylorRejects(Objective.ForLoss(new MseWithoutTwo(), target, output));
    }

    [Fact]
    public void MseWithoutOneOverN_IsRejectedByCheckerAndTaylor()
    {
        Tensor target = Input(new Shape(1, 5), 1), output = Input(new Shape(1, 5), 2);
        GradientCheckReport report = GradientChecker.CheckLoss(new MseWithoutOneOverN(), target, output);
        RejectedOn(report, "outputError");
        Assert.All(report.Derivatives[0].Failures, f => Assert.Equal(5, f.Analytic / f.Numeric, 1e-9));
        TaylorRejects(Objective.ForLoss(new MseWithoutOneOverN(), target, output));
    }

    [Fact]
    public void MseWithoutOneOverN_OnOneOutput_IsIndistinguishable()
    {
        // With n = 1, 1/n = 1: the defect cannot show. The catalogue's other cases use n = 5.
        Assert.True(GradientChecker.CheckLoss(new MseWithoutOneOverN(), Tensor.Row(0.3), Tensor.Row(-0.4)).Passed);
    }

    [Fact]
    public void TanhWithoutSquare_IsRejectedByCheckerAndTaylor()
    {
        var layer = new ActivationLayer(new Shape(1, 6), new TanhWithoutSquare());
        RejectedOn(GradientChecker.CheckLayer(layer, Input(layer.InputShape), Seed), "inputError");
        TaylorRejects(Objective.ForLayer(layer, Input(layer.InputShape), MeanSquaredError.Instance, Input(layer.OutputShape, 5)));
    }

    [Fact]
    public void CorrectCounterparts_PassTheSameChecks()
    {
        var layer = new FullyConnected(4, 4, new Rng(Seed));
        Expect.Passed(GradientChecker.CheckLayer(layer, Input(layer.InputShape), Seed));
        Assert.True(TaylorTest.Run(Objective.ForLayer(layer, Input(layer.InputShape), MeanSquaredError.Instance, Input(layer.OutputShape, 5)), Seed).Passed);
        var tanh = new ActivationLayer(new Shape(1, 6), Tanh.Instance);
        Expect.Passed(GradientChecker.CheckLayer(tanh, Input(tanh.InputShape), Seed));
        Expect.Passed(GradientChecker.CheckLoss(MeanSquaredError.Instance, Input(new Shape(1, 5), 1), Input(new Shape(1, 5), 2)));
    }
}

public class WrongExerciseDerivativesTests
{
    [Fact]
    public void DropoutWithoutScale_IsRejectedByCheckerAdjointAndTaylor()
    {
        Tensor mask = Tensor.Row(1, 0, 1, 1, 0, 1);
        WrongLayer layer = WrongExerciseDerivatives.DropoutWithoutScale(new Shape(1, 6), 0.4, mask);
        layer.IsTraining = true;
        Tensor x = RandomTensor.Uniform(layer.InputShape, new Rng(1), -2, 2);
        GradientCheckReport report = GradientChecker.CheckLayer(layer, x, 3);
        Assert.False(report.Passed, report.ToString());
        Assert.All(report.Derivatives[0].Failures, f => Assert.Equal(0.6, f.Analytic / f.Numeric, 1e-9));
        Assert.False(AdjointTest.ForInput(layer, x, GradientChecker.RandomUpstream(layer.OutputShape, new Rng(2))).Passed);
        Assert.False(TaylorTest.Run(Objective.ForLayer(layer, x, MeanSquaredError.Instance, RandomTensor.Uniform(layer.OutputShape, new Rng(4))), 3).Passed);
    }

    [Fact]
    public void SoftmaxDiagonalOnly_IsRejectedByCheckerAndTaylor()
    {
        WrongLayer layer = WrongExerciseDerivatives.SoftmaxDiagonalOnly(new Shape(1, 5));
        Tensor x = RandomTensor.Uniform(layer.InputShape, new Rng(1), -2, 2);
        GradientCheckReport report = GradientChecker.CheckLayer(layer, x, 3);
        Assert.False(report.Passed, report.ToString());
        Assert.Equal(5, report.Derivatives[0].FailureCount);
        Assert.False(TaylorTest.Run(Objective.ForLayer(layer, x, MeanSquaredError.Instance, RandomTensor.Uniform(layer.OutputShape, new Rng(4))), 3).Passed);
    }
}
