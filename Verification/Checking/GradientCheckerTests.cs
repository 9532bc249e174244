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
        var layer = new FullyConnected(3, 2, new Rng(1));
        Tensor weights = layer.Weights.Clone(), bias = layer.Bias.Clone(), input = Tensor.Row(0.1, -0.2, 0.3), copy = input.Clone();
        GradientChecker.CheckLayer(layer, input, 4);
        Expect.Bitwise(weights, layer.Weights);
        Expect.Bitwise(bias, layer.Bias);
        Expect.Bitwise(copy, input);
    }

    [Fact]
    public void Check_MaxFailuresListed_CountsAllButListsFew()
    {
        WrongLayer layer = WrongDerivatives.TransposedWeightsInInputError(6, new Rng(2));
        GradientCheckReport report = GradientChecker.CheckLayer(layer, RandomTensor.Uniform(layer.InputShape, new Rng(1)), 1,
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
        Tensor a = GradientChecker.RandomUpstream(new Shape(4, 5), new Rng(3));
        Expect.Bitwise(a, GradientChecker.RandomUpstream(new Shape(4, 5), new Rng(3)));
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

    /// <summary>Input, Output, the inputError buffer Backward returned, and every parameter and its error.</summary>
    private static Tensor[] Buffers(Layer layer, Tensor inputError) =>
        [layer.Input.Clone(), layer.Output.Clone(), inputError.Clone(), .. layer.Parameters.SelectMany(p => new[] { p.Value.Clone(), p.Error.Clone() })];

    [Fact]
    public void CheckLayer_EveryOverload_LeavesTheLayersBuffersAndErrorsAsTheyWere()
    {
        var layer = new FullyConnected(new Tensor(new Shape(2, 2), [1, -2, 0.5, 3]), Tensor.Row(0.25, -0.75));
        layer.Forward(Tensor.Row(0.5, -1.5));
        Tensor inputError = layer.Backward(Tensor.Row(1, -1));
        Tensor[] before = Buffers(layer, inputError);
        Expect.Passed(GradientChecker.CheckLayer(layer, Tensor.Row(2, 1), 3));
        Expect.Passed(GradientChecker.CheckLayer(layer, Tensor.Row(2, 1), Tensor.Row(0.5, 0.25)));
        Expect.Passed(GradientChecker.CheckLayer(layer, Tensor.Row(2, 1), MeanSquaredError.Instance, Tensor.Row(0, 1)));
        Tensor[] after = Buffers(layer, inputError);
        for (int n = 0; n < before.Length; n++) Expect.Bitwise(before[n], after[n]);
    }

    [Fact]
    public void NullLayerOrNetwork_IsAnArgumentNullException_InEveryOverload()
    {
        Assert.Throws<ArgumentNullException>(() => GradientChecker.CheckLayer(null!, Tensor.Row(1), Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => GradientChecker.CheckLayer(null!, Tensor.Row(1), MeanSquaredError.Instance, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => GradientChecker.CheckNetwork(null!, Tensor.Row(1), Tensor.Row(1)));
    }
}
