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
    private readonly int _m, _n, _d, _k;

    /// <summary>
    /// Creates a layer for inputs of <paramref name="inputShape"/> (i×j×d) with <paramref name="layerDepth"/> output
    /// channels and an m×n kernel, drawing weights (row-major m×n×d×k) and then biases as uniform[0,1) − 0.5, as the article does.
    /// </summary>
    /// <exception cref="ArgumentException">The input shape is not i×j×d, or the kernel is larger than the input; the message names both shapes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A kernel size or the layer depth is below 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public Convolution(Shape inputShape, int kernelHeight, int kernelWidth, int layerDepth, Random random)
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
        (_m, _n, _d, _k) = (weightsShape[0], weightsShape[1], weightsShape[2], weightsShape[3]);
        _parameters =
        [
            new Parameter("weights", new Tensor(weightsShape)),
            new Parameter("bias", new Tensor(new Shape(_k))),
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

    /// <summary>
    /// y[p,q,k] = b_k + Σ_a Σ_b Σ_d x[p+a, q+b, d]·K[a,b,d,k]. Each Y_k starts at b_k, and each kernel element
    /// K[a,b,d,k] in turn adds K[a,b,d,k]·x[p+a, q+b, d] to every y[p,q,k]: the terms of each sum in the order a, b, d.
    /// </summary>
    protected override void ForwardCore(Tensor input, Tensor output)
    {
        int width = InputShape[1], outHeight = OutputShape[0], outWidth = OutputShape[1];
        ReadOnlySpan<double> x = input.Span, w = Weights.Span, bias = Bias.Span;
        Span<double> y = output.Span;
        for (int p = 0; p < outHeight; p++)
        for (int q = 0; q < outWidth; q++)
        for (int k = 0; k < _k; k++)
        {
            y[(p * outWidth + q) * _k + k] = bias[k];
        }

        for (int k = 0; k < _k; k++)
        for (int a = 0; a < _m; a++)
        for (int b = 0; b < _n; b++)
        for (int d = 0; d < _d; d++)
        {
            double weight = w[((a * _n + b) * _d + d) * _k + k];
            for (int p = 0; p < outHeight; p++)
            {
                // y[p, q, k] += x[p+a, q+b, d]·K[a,b,d,k] for every q
                AddScaled(y[(p * outWidth * _k + k)..], _k, x[(((p + a) * width + b) * _d + d)..], _d, weight, outWidth);
            }
        }
    }

    /// <summary>
    /// ∂E/∂B_k = Σ_{p,q} ∂E/∂y[p,q,k];
    /// ∂E/∂K[a,b,d,k] = Σ_{p,q} x[p+a, q+b, d]·∂E/∂y[p,q,k] (X_d ⋆ ∂E/∂Y_k, valid);
    /// ∂E/∂x[r,s,d] = Σ_k Σ_a Σ_b ∂E/∂y[r−a, s−b, k]·K[a,b,d,k], terms outside ∂E/∂Y being 0 (∂E/∂Y_k ∗ K_{d,k}, full).
    /// The last sum is accumulated one kernel element at a time: with p = r − a and q = s − b, K[a,b,d,k] adds
    /// ∂E/∂y[p,q,k]·K[a,b,d,k] to ∂E/∂x[p+a, q+b, d] for every (p, q) of Y, so only the terms inside ∂E/∂Y are visited;
    /// the terms of each sum come in the order k, a, b.
    /// </summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        int width = InputShape[1], outHeight = OutputShape[0], outWidth = OutputShape[1];
        ReadOnlySpan<double> x = Input.Span, w = Weights.Span, dy = outputError.Span;
        Span<double> dx = inputError.Span, dw = WeightsError.Span, db = BiasError.Span;

        for (int k = 0; k < _k; k++)
        {
            double sum = 0;
            for (int p = 0; p < outHeight; p++)
            for (int q = 0; q < outWidth; q++)
            {
                sum += dy[(p * outWidth + q) * _k + k];
            }
            db[k] = sum;
        }

        for (int a = 0; a < _m; a++)
        for (int b = 0; b < _n; b++)
        for (int d = 0; d < _d; d++)
        for (int k = 0; k < _k; k++)
        {
            double sum = 0;
            for (int p = 0; p < outHeight; p++)
            {
                // sum += Σ_q x[p+a, q+b, d]·∂E/∂y[p, q, k]
                sum = AddDot(sum, x[(((p + a) * width + b) * _d + d)..], _d, dy[(p * outWidth * _k + k)..], _k, outWidth);
            }
            dw[((a * _n + b) * _d + d) * _k + k] = sum;
        }

        dx.Clear();
        for (int k = 0; k < _k; k++)
        for (int a = 0; a < _m; a++)
        for (int b = 0; b < _n; b++)
        for (int d = 0; d < _d; d++)
        {
            double weight = w[((a * _n + b) * _d + d) * _k + k];
            for (int p = 0; p < outHeight; p++)
            {
                // ∂E/∂x[p+a, q+b, d] += ∂E/∂y[p, q, k]·K[a,b,d,k] for every q
                AddScaled(dx[(((p + a) * width + b) * _d + d)..], _d, dy[(p * outWidth * _k + k)..], _k, weight, outWidth);
            }
        }
    }

    /// <summary>to[q·toStride] += from[q·fromStride]·factor for q &lt; count: one row of a channel, strided by its depth.</summary>
    private static void AddScaled(Span<double> to, int toStride, ReadOnlySpan<double> from, int fromStride, double factor, int count)
    {
        for (int q = 0; q < count; q++)
        {
            to[q * toStride] += from[q * fromStride] * factor;
        }
    }

    /// <summary>sum + Σ_{q &lt; count} u[q·uStride]·v[q·vStride], the terms added in the order of q.</summary>
    private static double AddDot(double sum, ReadOnlySpan<double> u, int uStride, ReadOnlySpan<double> v, int vStride, int count)
    {
        for (int q = 0; q < count; q++)
        {
            sum += u[q * uStride] * v[q * vStride];
        }
        return sum;
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
