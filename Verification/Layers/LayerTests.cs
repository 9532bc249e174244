using System;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class LayerTests
{
    [Fact]
    public void InputAndOutput_BeforeForward_Throw()
    {
        var layer = new ActivationLayer(new Shape(1, 2), Tanh.Instance);
        Expect.Throws<InvalidOperationException>(() => _ = layer.Input, "ActivationLayer(tanh).Input: Forward has not been called yet");
        Expect.Throws<InvalidOperationException>(() => _ = layer.Output, "ActivationLayer(tanh).Output: Forward has not been called yet");
    }

    [Fact]
    public void Forward_CopiesTheInputAndReusesItsOutputBuffer()
    {
        var layer = new ActivationLayer(new Shape(1, 2), Tanh.Instance);
        Tensor input = Tensor.Row(0.5, -0.5);
        Tensor first = layer.Forward(input);
        input.Span[0] = 9;
        Assert.Equal(0.5, layer.Input.Span[0]);
        Assert.Same(first, layer.Forward(Tensor.Row(1, 1)));
        Assert.Same(first, layer.Output);
        Assert.Throws<ArgumentNullException>(() => layer.Forward(null!));
        Assert.Throws<ArgumentNullException>(() => layer.Backward(null!));
    }

    [Fact]
    public void BackwardPropagation_NonFiniteLearningRate_ThrowsBeforeBackward()
    {
        var layer = new FullyConnected(1, 1, new Rng(1));
        layer.Forward(Tensor.Row(1));
        Expect.Throws<ArgumentOutOfRangeException>(() => layer.BackwardPropagation(Tensor.Row(1), double.NaN),
            "FullyConnected.BackwardPropagation: the learning rate must be a finite number, not NaN");
        Assert.Equal(0, layer.WeightsError.Span[0]);
        Expect.Throws<ArgumentOutOfRangeException>(() => layer.ApplyGradients(double.NegativeInfinity),
            "FullyConnected.ApplyGradients: the learning rate must be a finite number");
    }

    [Fact]
    public void ApplyGradients_StepsEveryParameterByItsError()
    {
        var layer = new FullyConnected(new Tensor(new Shape(1, 2), [1, 2]), Tensor.Row(3, 4));
        layer.Forward(Tensor.Row(2));
        layer.Backward(Tensor.Row(1, -1));
        layer.ApplyGradients(0.5);
        // W − 0.5·[2, −2], B − 0.5·[1, −1]
        Expect.Close([0, 3], layer.Weights, 0);
        Expect.Close([2.5, 4.5], layer.Bias, 0);
    }
}
