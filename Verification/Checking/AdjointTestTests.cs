using System;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Checking;

public class AdjointTestTests
{
    [Fact]
    public void ForInput_LinearLayer_BothSidesAgreeToRounding()
    {
        var layer = new FullyConnected(4, 3, new Rng(1));
        layer.Bias.Span.Clear();
        AdjointReport report = AdjointTest.ForInput(layer, RandomTensor.Uniform(layer.InputShape, new Rng(2)), RandomTensor.Uniform(layer.OutputShape, new Rng(3)));
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.IsLinear);
        Assert.True(report.RelativeDifference <= 1e-15, report.ToString());
        Assert.True(report.Scale > 0);
        Assert.StartsWith("Adjoint test PASSED for FullyConnected input: ⟨Ȳ, L(X)⟩ = ", report.ToString());
    }

    [Fact]
    public void ForInput_WithABias_SaysTheMapIsNotLinear()
    {
        var layer = new FullyConnected(2, 2, new Rng(1));
        AdjointReport report = AdjointTest.ForInput(layer, Tensor.Row(1, 2), Tensor.Row(1, 1));
        Assert.False(report.IsLinear);
        Assert.False(report.Passed);
        Assert.Equal("Adjoint test FAILED for FullyConnected input: the map is not linear (L(0) ≠ 0); set the other parameters, such as the bias, to zero.", report.ToString());
    }

    [Fact]
    public void ForParameter_WithABias_SaysNotLinear_AndRestoresTheParameter()
    {
        var layer = new FullyConnected(2, 2, new Rng(1));
        Tensor weights = layer.Weights.Clone();
        Assert.False(AdjointTest.ForParameter(layer, 0, Tensor.Row(1, 2), Tensor.Row(1, 1)).IsLinear);
        Expect.Bitwise(weights, layer.Weights);
        layer.Bias.Span.Clear();
        AdjointReport report = AdjointTest.ForParameter(layer, 0, Tensor.Row(1, 2), Tensor.Row(0.5, -1));
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("FullyConnected weights", report.Map);
        Expect.Bitwise(weights, layer.Weights);
    }

    [Fact]
    public void NonlinearLayer_FailsTheIdentity()
    {
        // tanh(0) = 0, so L(0) = 0 holds, but tanh is not linear: its backward is not an adjoint.
        var layer = new ActivationLayer(new Shape(1, 3), Tanh.Instance);
        AdjointReport report = AdjointTest.ForInput(layer, Tensor.Row(0.5, 1, 2), Tensor.Row(1, -1, 0.5));
        Assert.True(report.IsLinear);
        Assert.False(report.Passed, report.ToString());
    }

    [Fact]
    public void RelativeDifference_IsZeroWhenBothSidesAreEqual()
    {
        Assert.Equal(0, new AdjointReport("m", true, 0, 0, 0).RelativeDifference);
        Assert.Equal(0.5, new AdjointReport("m", true, 1, 2, 2).RelativeDifference);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var layer = new FullyConnected(2, 2, new Rng(1));
        Expect.Throws<ArgumentOutOfRangeException>(() => AdjointTest.ForParameter(layer, 2, Tensor.Row(1, 2), Tensor.Row(1, 1)), "FullyConnected has 2 parameters");
        Assert.Throws<ArgumentNullException>(() => AdjointTest.ForInput(null!, Tensor.Row(1), Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => AdjointTest.ForInput(layer, null!, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => AdjointTest.ForInput(layer, Tensor.Row(1), null!));
        Assert.Throws<ArgumentNullException>(() => AdjointTest.ForParameter(null!, 0, Tensor.Row(1), Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => AdjointTest.ForParameter(layer, 0, null!, Tensor.Row(1)));
        Assert.Throws<ArgumentNullException>(() => AdjointTest.ForParameter(layer, 0, Tensor.Row(1), null!));
    }

    [Fact]
    public void ForInputAndForParameter_LeaveTheLayersBuffersAndErrorsAsTheyWere()
    {
        var layer = new FullyConnected(new Tensor(new Shape(2, 2), [1, -2, 0.5, 3]), Tensor.Row(0, 0));
        layer.Forward(Tensor.Row(0.5, -1.5));
        Tensor inputError = layer.Backward(Tensor.Row(1, -1));
        Tensor[] before = [layer.Input.Clone(), layer.Output.Clone(), inputError.Clone(), layer.WeightsError.Clone(), layer.BiasError.Clone()];
        Assert.True(AdjointTest.ForInput(layer, Tensor.Row(2, 1), Tensor.Row(0.5, 0.25)).Passed);
        Assert.True(AdjointTest.ForParameter(layer, 0, Tensor.Row(2, 1), Tensor.Row(0.5, 0.25)).Passed);
        Tensor[] after = [layer.Input, layer.Output, inputError, layer.WeightsError, layer.BiasError];
        for (int n = 0; n < before.Length; n++) Expect.Bitwise(before[n], after[n]);
    }

    [Fact]
    public void ForParameter_ANullInput_IsReportedBeforeABadParameterIndex()
    {
        var layer = new FullyConnected(2, 2, new Rng(1));
        Assert.Throws<ArgumentNullException>(() => AdjointTest.ForParameter(layer, 5, null!, Tensor.Row(1, 1)));
    }

    [Fact]
    public void ForParameter_Scale_UsesTheAdjointSideWhenItIsLarger()
    {
        // W (2×1) = [[1], [2]], x = [2, 0]: L(W) = x·W = [2]; ȳ = [1]: Lᵀ(ȳ) = xᵀ·ȳ = [[2], [0]].
        // ‖Lᵀȳ‖·‖W‖ = 2√5 > ‖ȳ‖·‖L(W)‖ = 2.
        var layer = new FullyConnected(new Tensor(new Shape(2, 1), [1, 2]), Tensor.Row(0));
        AdjointReport report = AdjointTest.ForParameter(layer, 0, Tensor.Row(2, 0), Tensor.Row(1));
        Assert.Equal(2 * Math.Sqrt(5), report.Scale, 1e-15);
        Assert.True(report.Passed);
    }
}
