using System;
using System.Collections.Generic;

namespace ReferenceNN.Layers;

/// <summary>
/// The article's ConvLayer, with its bias added once per output channel: stride 1, no padding ("valid").
/// Input X is i×j×d (channels last), weights K are m×n×d×k, bias B has k elements, output Y is (i−m+1)×(j−n+1)×k.
/// Forward: <c>Y_k = B_k + Σ_d X_d ⋆ K_{d,k}</c> (⋆: valid cross-correlation).
/// Backward: <c>∂E/∂K_{d,k} = X_d ⋆ ∂E/∂Y_k</c>, <c>∂E/∂B_k = Σ_{p,q} ∂E/∂Y_k[p,q]</c>,
/// <c>∂E/∂X_d = Σ_k ∂E/∂Y_k ∗ K_{d,k}</c> (∗: full convolution). Derivation: docs/Layers/Convolution.md.
/// </summary>
public sealed class Convolution : Layer
{
    private readonly Parameter[] _parameters;
    private Scratch? _scratch;

    /// <summary>
    /// Creates a layer for inputs of <paramref name="inputShape"/> (i×j×d) with <paramref name="layerDepth"/> output
    /// channels and an m×n kernel, drawing weights (row-major m×n×d×k) and then biases as uniform[0,1) − 0.5, as the article does.
    /// </summary>
    /// <exception cref="ArgumentException">The input shape is not i×j×d, or the kernel is larger than the input; the message names both shapes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size or the layer depth is below 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public Convolution(Shape inputShape, int kernelHeight, int kernelWidth, int layerDepth, RandomSource random)
        : this(inputShape, KernelShape(inputShape, kernelHeight, kernelWidth, layerDepth))
    {
        Initialization.Uniform(Weights, random);
        Initialization.Uniform(Bias, random);
    }

    /// <summary>Creates a layer holding copies of the given weights (m×n×d×k) and bias (k).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A shape does not fit; the message names both shapes.</exception>
    public Convolution(Shape inputShape, Tensor weights, Tensor bias)
        : this(inputShape, WeightsShape(inputShape, weights))
    {
        ArgumentNullException.ThrowIfNull(bias);
        Tensor.RequireShape("Convolution", nameof(bias), bias, Bias.Shape);
        weights.CopyTo(Weights);
        bias.CopyTo(Bias);
    }

    private Convolution(Shape inputShape, Shape weightsShape)
        : base(inputShape, new Shape(inputShape[0] - weightsShape[0] + 1, inputShape[1] - weightsShape[1] + 1, weightsShape[3]))
    {
        _parameters =
        [
            new Parameter("weights", new Tensor(weightsShape)),
            new Parameter("bias", new Tensor(new Shape(weightsShape[3]))),
        ];
    }

    /// <summary>K, m×n×d×k: element [a, b, d, k] weighs input channel d at kernel offset (a, b) for output channel k.</summary>
    public Tensor Weights => _parameters[0].Value;

    /// <summary>B, one bias per output channel.</summary>
    public Tensor Bias => _parameters[1].Value;

    /// <summary>weightsError = ∂E/∂K from the last <see cref="Layer.Backward"/>.</summary>
    public Tensor WeightsError => _parameters[0].Error;

    /// <summary>biasError = ∂E/∂B from the last <see cref="Layer.Backward"/>.</summary>
    public Tensor BiasError => _parameters[1].Error;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Y_k = Σ_d X_d ⋆ K_{d,k} + B_k (<see cref="Formulas.Convolution.Forward{T}"/>).</summary>
    protected override void ForwardCore(Tensor input, Tensor output) =>
        Formulas.Convolution.Forward<double>(input.Span, InputShape, Weights.Span, Weights.Shape, Bias.Span, output.Span);

    /// <summary>
    /// ∂E/∂B_k = Σ_{p,q} ∂E/∂Y_k[p,q]; ∂E/∂K_{d,k} = X_d ⋆ ∂E/∂Y_k; ∂E/∂X_d = Σ_k ∂E/∂Y_k ∗ K_{d,k}
    /// (<see cref="Formulas.Convolution.BiasError{T}"/>, <see cref="Formulas.Convolution.WeightsError{T}"/>,
    /// <see cref="Formulas.Convolution.InputError{T}"/>).
    /// </summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        Formulas.Convolution.BiasError<double>(outputError.Span, OutputShape[0], OutputShape[1], BiasError.Span);
        Formulas.Convolution.WeightsError<double>(Input.Span, InputShape, outputError.Span, Weights.Shape, WeightsError.Span);
        Formulas.Convolution.InputError<double>(outputError.Span, Weights.Span, Weights.Shape, InputShape, inputError.Span);
    }

    /// <inheritdoc/>
    private protected override void FastForwardCore(Tensor input, Tensor output)
    {
        Scratch scratch = _scratch ??= new Scratch(InputShape, Weights.Shape, OutputShape);
        FastKernels.ConvolutionKernels.Forward(input.Span, InputShape, Weights.Span, Weights.Shape, Bias.Span, output.Span,
            scratch.Planar, scratch.Row, scratch.Sum);
    }

    /// <inheritdoc/>
    private protected override void FastBackwardPropagationCore(Tensor outputError, Tensor inputError, double learningRate, bool inputErrorNeeded)
    {
        Scratch scratch = _scratch ??= new Scratch(InputShape, Weights.Shape, OutputShape);
        if (inputErrorNeeded)
        {
            Formulas.Convolution.InputError<double>(outputError.Span, Weights.Span, Weights.Shape, InputShape, inputError.Span);
        }
        FastKernels.ConvolutionKernels.WeightsBiasAndStep(Input.Span, InputShape, outputError.Span, Weights.Shape,
            Weights.Span, Bias.Span, WeightsError.Span, BiasError.Span, learningRate, scratch.Sums);
    }

    /// <summary>The fast kernels' working memory, allocated at their first use and reused.</summary>
    private sealed class Scratch(Shape inputShape, Shape weightsShape, Shape outputShape)
    {
        internal double[] Planar { get; } = new double[inputShape.Size];

        internal double[] Row { get; } = new double[outputShape[1]];

        internal double[] Sum { get; } = new double[outputShape[1]];

        internal double[] Sums { get; } = new double[weightsShape.Size];
    }

    private static Shape KernelShape(Shape inputShape, int kernelHeight, int kernelWidth, int layerDepth)
    {
        RequireImage(inputShape);
        Positive(kernelHeight, nameof(kernelHeight));
        Positive(kernelWidth, nameof(kernelWidth));
        Positive(layerDepth, nameof(layerDepth));
        var shape = new Shape(kernelHeight, kernelWidth, inputShape[2], layerDepth);
        RequireFits(inputShape, shape);
        return shape;
    }

    private static Shape WeightsShape(Shape inputShape, Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        RequireImage(inputShape);
        Shape shape = weights.Shape;
        if (shape.Rank != 4 || shape[2] != inputShape[2])
        {
            throw new ArgumentException(
                $"Convolution: weights are {shape} but must be m×n×{inputShape[2]}×k for a {inputShape} input.", nameof(weights));
        }
        RequireFits(inputShape, shape);
        return shape;
    }

    private static void RequireImage(Shape inputShape)
    {
        if (inputShape.Rank != 3)
        {
            throw new ArgumentException($"Convolution: the input shape is {inputShape} but must be i×j×d.", nameof(inputShape));
        }
    }

    private static void RequireFits(Shape inputShape, Shape weightsShape)
    {
        if (weightsShape[0] > inputShape[0] || weightsShape[1] > inputShape[1])
        {
            throw new ArgumentException(
                $"Convolution: the kernel {weightsShape[0]}×{weightsShape[1]} is larger than the input {inputShape}.", nameof(weightsShape));
        }
    }

    private static void Positive(int size, string name)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(name, size, $"Convolution: {name} must be at least 1, not {size}.");
    }
}
