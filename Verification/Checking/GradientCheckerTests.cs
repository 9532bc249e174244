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

    /// <summary>One variable v (1×n) with E given as a function of it, and the analytic derivative the test claims.</summary>
    private static Objective Of(Tensor v, Func<Tensor, double> e, params double[] analytic) =>
        new(() => e(v), [new CheckedVariable("f", "error", v, new Tensor(v.Shape, analytic))]);

    private static readonly GradientCheckOptions NoTolerance = new() { RelativeTolerance = 0, ScaleTolerance = 0 };

    [Fact]
    public void WorstShareOfTolerance_IsTheDifferenceOverTheBound()
    {
        // E(v) = v at v = 0.5: every difference quotient is exactly 1, so Ridders' error is 0 and the floor is the noise
        // floor 2⁻⁴⁴·0.5/h with h = 1e-3. analytic 1 + 2⁻³⁰: share = 2⁻³⁰ / (1e-8·1 + 1e-9·1 + floor).
        DerivativeCheck check = GradientChecker.Check(Of(Tensor.Row(0.5), v => v.Span[0], 1 + Math.ScaleB(1.0, -30))).Derivatives[0];
        double bound = 1e-8 + 1e-9 + Math.ScaleB(0.5, -44) / 1e-3;
        Assert.Equal(Math.ScaleB(1.0, -30) / bound, check.WorstShareOfTolerance, 1e-15);
        Assert.True(check.Passed);
    }

    [Fact]
    public void WorstShareOfTolerance_AnExactAgreement_UsesNoneOfAZeroTolerance()
    {
        // E(v) = v at v = 0: E = 0 (no noise floor), quotients exactly 1 (no Ridders error), rtol = stol = 0: the bound
        // is 0, and an analytic 1 meets it exactly.
        DerivativeCheck check = GradientChecker.Check(Of(Tensor.Row(0), v => v.Span[0], 1), NoTolerance).Derivatives[0];
        Assert.Equal(0, check.WorstShareOfTolerance);
        Assert.True(check.Passed);
    }

    [Fact]
    public void Floor_IsTheNoiseFloorWhenItExceedsRiddersError_AndIsAddedToTheBound()
    {
        // E(v) = 1 + v at v = 0, rtol = stol = 0: the bound is the floor alone, the noise floor 2⁻⁴⁴·1/1e-3 ≈ 5.7e-11,
        // far above Ridders' error (quotients off by about 2e-13). 4e-11 off passes; 8e-11 off fails.
        Assert.True(GradientChecker.Check(Of(Tensor.Row(0), v => 1 + v.Span[0], 1 + 4e-11), NoTolerance).Passed);
        Assert.False(GradientChecker.Check(Of(Tensor.Row(0), v => 1 + v.Span[0], 1 + 8e-11), NoTolerance).Passed);
        Assert.Equal(Math.ScaleB(3.0, -44) / 1e-3, GradientChecker.NoiseFloor(3, 1e-3));
    }

    [Fact]
    public void WorstRelativeError_LeavesOutElementsAtOrBelowStolTimesTheScale()
    {
        // E = 4·v₀ + 1e-9·v₁: scale s = 4, stol·s = 4e-9. ∂E/∂v₁ = 1e-9 is below it, so its relative error (analytic
        // 2e-9, off by 100%) is not the worst; it still passes, within stol·s. (Were it 1e-9 / s, it would count.)
        DerivativeCheck check = GradientChecker.Check(Of(Tensor.Row(1, 1), v => 4 * v.Span[0] + 1e-9 * v.Span[1], 4, 2e-9)).Derivatives[0];
        Assert.True(check.Passed);
        Assert.Equal(4, check.Scale, 1e-9);
        Assert.True(check.WorstRelativeError < 1e-9, $"worst relative error {check.WorstRelativeError}");
    }

    [Fact]
    public void Floor_IsTwiceRiddersOwnErrorEstimateWhereThatExceedsTheNoiseFloor()
    {
        // E(v) = v·|v| + v at v = 0: E = 0 (no noise floor), and the central difference is 1 + h, odd in h, which
        // Ridders' extrapolation (in powers of h²) cannot remove, so its estimate carries a sizeable error of its own.
        // With rtol = stol = 0 the bound is 2·error: an analytic derivative 1.5 errors off passes, 2.5 errors off fails.
        static double F(double v) => v * Math.Abs(v) + v;
        double numeric = NumericalDerivative.Ridders(F, 0, NumericalDerivative.Step(0), out double error);
        Assert.True(error > 1e-9, $"Ridders' error {error} is too small for this test");
        Assert.True(GradientChecker.Check(Of(Tensor.Row(0), v => F(v.Span[0]), numeric + 1.5 * error), NoTolerance).Passed);
        Assert.False(GradientChecker.Check(Of(Tensor.Row(0), v => F(v.Span[0]), numeric + 2.5 * error), NoTolerance).Passed);
    }
}
