using System;
using System.Collections.Generic;

namespace ReferenceNN.Layers;

/// <summary>
/// The article's FCLayer: <c>Y = X·W + B</c> with X 1×i, W i×j, B 1×j and Y 1×j.
/// Backward: <c>∂E/∂X = ∂E/∂Y·Wᵀ</c>, <c>∂E/∂W = Xᵀ·∂E/∂Y</c>, <c>∂E/∂B = ∂E/∂Y</c>.
/// Derivation: docs/Layers/FullyConnected.md.
/// </summary>
public sealed class FullyConnected : Layer
{
    private readonly Parameter[] _parameters;

    /// <summary>
    /// Creates an i → j layer whose weights and biases are drawn as uniform[0,1) − 0.5 from <paramref name="random"/>,
    /// weights first (row-major), then biases, as the article does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> or <paramref name="outputSize"/> is below 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public FullyConnected(int inputSize, int outputSize, RandomSource random)
        : this(inputSize, outputSize)
    {
        Initialization.Uniform(Weights, random);
        Initialization.Uniform(Bias, random);
    }

    /// <summary>Creates an i → j layer holding copies of the given weights (i×j) and bias (1×j).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The weights do not have two axes, or the bias is not 1×j.</exception>
    public FullyConnected(Tensor weights, Tensor bias)
        : this(RowsOf(weights), ColumnsOf(weights))
    {
        ArgumentNullException.ThrowIfNull(bias);
        Tensor.RequireShape("FullyConnected", nameof(bias), bias, Bias.Shape);
        weights.CopyTo(Weights);
        bias.CopyTo(Bias);
    }

    private FullyConnected(int inputSize, int outputSize)
        : base(new Shape(1, Positive(inputSize, nameof(inputSize))), new Shape(1, Positive(outputSize, nameof(outputSize))))
    {
        _parameters =
        [
            new Parameter("weights", new Tensor(new Shape(inputSize, outputSize))),
            new Parameter("bias", new Tensor(new Shape(1, outputSize))),
        ];
    }

    /// <summary>W, i×j.</summary>
    public Tensor Weights => _parameters[0].Value;

    /// <summary>B, 1×j.</summary>
    public Tensor Bias => _parameters[1].Value;

    /// <summary>weightsError = ∂E/∂W (i×j) from the last <see cref="Layer.Backward"/>.</summary>
    public Tensor WeightsError => _parameters[0].Error;

    /// <summary>biasError = ∂E/∂B (1×j) from the last <see cref="Layer.Backward"/>.</summary>
    public Tensor BiasError => _parameters[1].Error;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Y = X·W + B (<see cref="Formulas.FullyConnected.Forward{T}"/>).</summary>
    protected override void ForwardCore(Tensor input, Tensor output) =>
        Formulas.FullyConnected.Forward<double>(input.Span, Weights.Span, Bias.Span, output.Span);

    /// <summary>
    /// ∂E/∂X = ∂E/∂Y·Wᵀ, ∂E/∂W = Xᵀ·∂E/∂Y, ∂E/∂B = ∂E/∂Y (<see cref="Formulas.FullyConnected.InputError{T}"/>,
    /// <see cref="Formulas.FullyConnected.WeightsError{T}"/>, <see cref="Formulas.FullyConnected.BiasError{T}"/>).
    /// </summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        Formulas.FullyConnected.InputError<double>(outputError.Span, Weights.Span, inputError.Span);
        Formulas.FullyConnected.WeightsError<double>(Input.Span, outputError.Span, WeightsError.Span);
        Formulas.FullyConnected.BiasError<double>(outputError.Span, BiasError.Span);
    }

    /// <inheritdoc/>
    private protected override void FastForwardCore(Tensor input, Tensor output) =>
        FastKernels.FullyConnectedKernels.Forward(input.Span, Weights.Span, Bias.Span, output.Span);

    /// <inheritdoc/>
    private protected override void FastBackwardPropagationCore(Tensor outputError, Tensor inputError, double learningRate, bool inputErrorNeeded) =>
        FastKernels.FullyConnectedKernels.BackwardPropagation(Input.Span, outputError.Span, Weights.Span, Bias.Span,
            inputError.Span, WeightsError.Span, BiasError.Span, learningRate, inputErrorNeeded);

    private static int Positive(int size, string name) => size >= 1
        ? size
        : throw new ArgumentOutOfRangeException(name, size, $"FullyConnected: {name} must be at least 1, not {size}.");

    private static int RowsOf(Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return weights.Shape.Rank == 2
            ? weights.Shape[0]
            : throw new ArgumentException($"FullyConnected: weights are {weights.Shape} but must be i×j.", nameof(weights));
    }

    private static int ColumnsOf(Tensor weights) => weights.Shape[1];
}
