using System;
using System.Collections.Generic;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Networks;
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
    /// <summary>
    /// A layer whose literal code and fast kernel differ on purpose, so that a test can see which one ran: the literal
    /// code computes y = x + 1 and ∂E/∂x = 10·∂E/∂y, the fast kernel y = x + 2 and ∂E/∂x = 20·∂E/∂y.
    /// </summary>
    private sealed class TellsItsKernels(Shape shape) : Layer(shape, shape)
    {
        protected override void ForwardCore(Tensor input, Tensor output)
        {
            for (int n = 0; n < input.Length; n++) output.Span[n] = input.Span[n] + 1;
        }

        protected override void BackwardCore(Tensor outputError, Tensor inputError)
        {
            for (int n = 0; n < inputError.Length; n++) inputError.Span[n] = 10 * outputError.Span[n];
        }

        private protected override void FastForwardCore(Tensor input, Tensor output)
        {
            for (int n = 0; n < input.Length; n++) output.Span[n] = input.Span[n] + 2;
        }

        private protected override void FastBackwardPropagationCore(Tensor outputError, Tensor inputError, double learningRate, bool inputErrorNeeded)
        {
            for (int n = 0; n < inputError.Length; n++) inputError.Span[n] = 20 * outputError.Span[n];
        }
    }

    [Theory]
    [InlineData(Kernels.Literal, 2.0, -19.0)]
    [InlineData(Kernels.Fast, 3.0, -59.0)]
    public void NetworkKernels_ChoosesTheCodeEveryLayerComputesWith_ForwardAndBackward(Kernels kernels, double prediction, double weight)
    {
        // x = 1 through a dense layer w = 1, b = 0 (z = 1), then the telling layer, then MSE against 0: ∂E/∂y = 2y.
        // Literal: y = 2, ∂E/∂y = 4, ∂E/∂z = 40, ∂E/∂w = 40, w ← 1 − 0.5·40 = −19.
        // Fast:    y = 3, ∂E/∂y = 6, ∂E/∂z = 120, ∂E/∂w = 120, w ← 1 − 0.5·120 = −59.
        var dense = new FullyConnected(new Tensor(new Shape(1, 1), [1]), Tensor.Row(0));
        var network = new Network { Kernels = kernels };
        network.Add(dense);
        network.Add(new TellsItsKernels(new Shape(1, 1)));
        network.Use(MeanSquaredError.Instance);
        Expect.Close([prediction], network.Predict([Tensor.Row(1)])[0], 0);
        Assert.Equal(prediction * prediction, network.TrainSample(Tensor.Row(1), Tensor.Row(0), 0.5));
        Expect.Close([weight], dense.Weights, 0);
    }

    /// <summary>θ (one element) times x: a layer with a parameter that, like a user's own layer, has no fast kernel.</summary>
    private sealed class ScalesByTheta(double theta) : Layer(new Shape(1, 1), new Shape(1, 1))
    {
        private readonly Parameter[] _parameters = [new("weights", Tensor.Row(theta))];

        public override IReadOnlyList<Parameter> Parameters => _parameters;

        protected override void ForwardCore(Tensor input, Tensor output) =>
            output.Span[0] = _parameters[0].Value.Span[0] * input.Span[0];

        protected override void BackwardCore(Tensor outputError, Tensor inputError)
        {
            _parameters[0].Error.Span[0] = Input.Span[0] * outputError.Span[0];
            inputError.Span[0] = _parameters[0].Value.Span[0] * outputError.Span[0];
        }
    }

    [Theory]
    [InlineData(Kernels.Literal)]
    [InlineData(Kernels.Fast)]
    public void TrainSample_ALayerWithoutFastKernels_ComputesItsErrorAndStepsItsParameter(Kernels kernels)
    {
        // x = 3, θ = 2, target 4: y = 6, E = (6 − 4)² = 4, ∂E/∂y = 2·2 = 4, ∂E/∂θ = x·4 = 12, θ ← 2 − 0.25·12 = −1.
        var layer = new ScalesByTheta(2);
        var network = new Network { Kernels = kernels };
        network.Add(layer);
        network.Use(MeanSquaredError.Instance);
        Assert.Equal(4, network.TrainSample(Tensor.Row(3), Tensor.Row(4), 0.25));
        Expect.Close([12], layer.Parameters[0].Error, 0);
        Expect.Close([-1], layer.Parameters[0].Value, 0);
    }

    [Theory]
    [InlineData(Kernels.Literal)]
    [InlineData(Kernels.Fast)]
    public void BackwardPropagationBy_EitherKernels_ChecksItsArgumentsAsBackwardPropagationDoes(Kernels kernels)
    {
        var layer = new FullyConnected(new Tensor(new Shape(1, 1), [1]), Tensor.Row(0));
        Expect.Throws<InvalidOperationException>(() => layer.BackwardPropagationBy(Tensor.Row(1), 0.1, kernels),
            "FullyConnected.BackwardPropagation: Forward has not been called yet");
        layer.ForwardBy(Tensor.Row(1), kernels);
        Expect.Throws<ArgumentException>(() => layer.BackwardPropagationBy(Tensor.Row(1, 2), 0.1, kernels),
            "FullyConnected.BackwardPropagation: outputError is 1×2 but the layer gives 1×1");
        Expect.Throws<ArgumentOutOfRangeException>(() => layer.BackwardPropagationBy(Tensor.Row(1), double.NaN, kernels),
            "FullyConnected.BackwardPropagation: the learning rate must be a finite number, not NaN");
        Expect.Close([1], layer.Weights, 0); // nothing stepped
        Expect.Throws<ArgumentException>(() => layer.ForwardBy(Tensor.Row(1, 2), kernels),
            "FullyConnected.Forward: input is 1×2 but the layer takes 1×1");
    }
}
