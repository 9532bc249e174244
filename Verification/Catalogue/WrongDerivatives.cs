using ReferenceNN.Verification.Support;
using System;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Verification.Catalogue;

/// <summary>
/// A layer that runs a correct layer and then spoils one derivative in one way. Forward is the inner layer's,
/// so only the named derivative is wrong; the catalogue's tests assert that the checks reject each one.
/// </summary>
public sealed class WrongLayer : Layer
{
    private readonly Action<Layer, Tensor, Tensor> _spoil;

    /// <param name="inner">The correct layer.</param>
    /// <param name="defect">What is wrong, for messages.</param>
    /// <param name="spoil">Called after the inner Backward with (inner, outputError, inputError) to spoil a derivative.</param>
    public WrongLayer(Layer inner, string defect, Action<Layer, Tensor, Tensor> spoil)
        : base(inner.InputShape, inner.OutputShape)
    {
        Inner = inner;
        Defect = defect;
        _spoil = spoil;
    }

    public Layer Inner { get; }

    public string Defect { get; }

    public override string Name => $"{Inner.Name} with {Defect}";

    public override System.Collections.Generic.IReadOnlyList<Parameter> Parameters => Inner.Parameters;

    protected override void ForwardCore(Tensor input, Tensor output)
    {
        Inner.IsTraining = IsTraining;
        Inner.Forward(input).CopyTo(output);
    }

    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        Inner.Backward(outputError).CopyTo(inputError);
        _spoil(Inner, outputError, inputError);
    }
}

/// <summary>The catalogue of wrong derivatives, each differing from a correct one in one way.</summary>
public static class WrongDerivatives
{
    /// <summary>∂E/∂X = ∂E/∂Y·W instead of ∂E/∂Y·Wᵀ (a square layer, so that the shapes still fit).</summary>
    public static WrongLayer TransposedWeightsInInputError(int size, Rng random) =>
        new(new FullyConnected(size, size, random), "W instead of Wᵀ in ∂E/∂X", (inner, dy, dx) =>
        {
            Tensor w = ((FullyConnected)inner).Weights;
            for (int i = 0; i < size; i++)
            {
                double sum = 0;
                for (int j = 0; j < size; j++) sum += dy.Span[j] * w[j, i];
                dx.Span[i] = sum;
            }
        });

    /// <summary>∂E/∂B left at zero.</summary>
    public static WrongLayer MissingBiasError(int inputSize, int outputSize, Rng random) =>
        new(new FullyConnected(inputSize, outputSize, random), "∂E/∂B missing", (inner, _, _) =>
            ((FullyConnected)inner).BiasError.Span.Clear());

    /// <summary>∂E/∂B scaled by a factor.</summary>
    public static WrongLayer ScaledBiasError(int inputSize, int outputSize, double factor, Rng random) =>
        new(new FullyConnected(inputSize, outputSize, random), $"∂E/∂B scaled by {factor}", (inner, _, _) =>
        {
            Span<double> db = ((FullyConnected)inner).BiasError.Span;
            for (int j = 0; j < db.Length; j++) db[j] *= factor;
        });
}

/// <summary>The catalogue entries that need the layers of the article's exercises.</summary>
public static class WrongExerciseDerivatives
{
    /// <summary>Dropout whose ∂E/∂X is ∂E/∂Y ⊙ M: the 1/(1 − p) is missing.</summary>
    public static WrongLayer DropoutWithoutScale(Shape shape, double rate, Tensor mask) =>
        new(new Dropout(shape, rate, mask), "∂E/∂X missing 1/(1 − p)", (inner, dy, dx) =>
        {
            Tensor m = ((Dropout)inner).Mask;
            for (int n = 0; n < dx.Length; n++) dx.Span[n] = dy.Span[n] * m.Span[n];
        });

    /// <summary>Softmax with only the diagonal of its Jacobian: ∂E/∂x_i = y_i(1 − y_i)·∂E/∂y_i.</summary>
    public static WrongLayer SoftmaxDiagonalOnly(Shape shape) =>
        new(new Softmax(shape), "only the diagonal of its Jacobian", (inner, dy, dx) =>
        {
            Tensor y = inner.Output;
            for (int i = 0; i < dx.Length; i++) dx.Span[i] = y.Span[i] * (1 - y.Span[i]) * dy.Span[i];
        });

    /// <summary>A correct convolution forward with the article's ∂E/∂B = layer_depth·Σ ∂E/∂Y_k (the second defect alone).</summary>
    public static WrongLayer ConvolutionWithArticleBiasError(Shape inputShape, int kernel, int layerDepth, Rng random) =>
        new(new Convolution(inputShape, kernel, kernel, layerDepth, random), "the article's ∂E/∂B = k·Σ ∂E/∂Y_k", (inner, _, _) =>
        {
            Span<double> db = ((Convolution)inner).BiasError.Span;
            for (int k = 0; k < db.Length; k++) db[k] *= layerDepth;
        });
}

/// <summary>tanh′ written as 1 − tanh(x) instead of 1 − tanh²(x).</summary>
public sealed class TanhWithoutSquare : Activation
{
    public override string Name => "tanh with f′ = 1 − tanh(x)";

    public override double Function(double x) => Math.Tanh(x);

    public override double Derivative(double x) => 1 - Math.Tanh(x);
}

/// <summary>MSE whose ∂E/∂Y is (Y − Y*)/n: the factor 2 is missing.</summary>
public sealed class MseWithoutTwo : Loss
{
    public override string Name => "mse without the factor 2";

    protected override double ValueCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output) =>
        MeanSquaredError.Instance.Value(new Tensor(new Shape(1, target.Length), target), new Tensor(new Shape(1, output.Length), output));

    protected override void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError)
    {
        for (int i = 0; i < output.Length; i++) outputError[i] = (output[i] - target[i]) / output.Length;
    }
}

/// <summary>MSE whose ∂E/∂Y is 2(Y − Y*): the 1/n is missing.</summary>
public sealed class MseWithoutOneOverN : Loss
{
    public override string Name => "mse without 1/n";

    protected override double ValueCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output) =>
        MeanSquaredError.Instance.Value(new Tensor(new Shape(1, target.Length), target), new Tensor(new Shape(1, output.Length), output));

    protected override void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError)
    {
        for (int i = 0; i < output.Length; i++) outputError[i] = 2 * (output[i] - target[i]);
    }
}
