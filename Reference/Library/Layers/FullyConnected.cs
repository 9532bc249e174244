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
    public FullyConnected(int inputSize, int outputSize, Random random)
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

    /// <summary>
    /// y_j = b_j + Σ_i x_i·w_ij. Y starts at B, and row i of W adds x_i·w_ij to every y_j (i outer, j inner, so W is
    /// read contiguously): each y_j receives the terms of its sum in the order of i. Rows go in pairs,
    /// y_j ← (y_j + x_i·w_ij) + x_{i+1}·w_{i+1,j}: the same additions in the same order as one row at a time, so the
    /// result is the same to the last bit, with half the loads and stores of Y.
    /// </summary>
    protected override void ForwardCore(Tensor input, Tensor output)
    {
        int inputSize = InputShape[1], outputSize = OutputShape[1];
        ReadOnlySpan<double> x = input.Span, w = Weights.Span;
        Span<double> y = output.Span;
        Bias.Span.CopyTo(y);
        int i = 0;
        for (; i + 1 < inputSize; i += 2)
        {
            double x0 = x[i], x1 = x[i + 1];
            ReadOnlySpan<double> w0 = w.Slice(i * outputSize, outputSize), w1 = w.Slice((i + 1) * outputSize, outputSize);
            for (int j = 0; j < y.Length; j++)
            {
                y[j] = y[j] + x0 * w0[j] + x1 * w1[j];
            }
        }
        if (i < inputSize)
        {
            // The last row, when the input size is odd.
            double xi = x[i];
            ReadOnlySpan<double> wi = w.Slice(i * outputSize, outputSize);
            for (int j = 0; j < y.Length; j++)
            {
                y[j] += xi * wi[j];
            }
        }
    }

    /// <summary>
    /// ∂E/∂x_i = Σ_j ∂E/∂y_j·w_ij;  ∂E/∂w_ij = x_i·∂E/∂y_j;  ∂E/∂b_j = ∂E/∂y_j.
    /// </summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        int inputSize = InputShape[1], outputSize = OutputShape[1];
        ReadOnlySpan<double> x = Input.Span, w = Weights.Span, dy = outputError.Span;
        Span<double> dx = inputError.Span, dw = WeightsError.Span, db = BiasError.Span;
        for (int i = 0; i < inputSize; i++)
        {
            double sum = 0;
            for (int j = 0; j < outputSize; j++)
            {
                sum += dy[j] * w[i * outputSize + j];
                dw[i * outputSize + j] = x[i] * dy[j];
            }
            dx[i] = sum;
        }
        dy.CopyTo(db);
    }

    /// <summary>
    /// Backward and the step in one pass over W, row by row: for each w_ij, ∂E/∂x_i accumulates ∂E/∂y_j·w_ij with the
    /// weight before the step, ∂E/∂w_ij = x_i·∂E/∂y_j is stored, and w_ij ← w_ij − α·∂E/∂w_ij. The same expressions in
    /// the same order as <see cref="BackwardCore"/> then <see cref="Parameter.Step"/>, so the result is bit-identical,
    /// with one pass over W instead of two. Rows go in pairs: the sums for ∂E/∂x_i and ∂E/∂x_{i+1} run side by side,
    /// each over j in order (still bit-identical), so that one need not wait for the other's additions.
    /// </summary>
    protected override void BackwardPropagationCore(Tensor outputError, Tensor inputError, double learningRate)
    {
        int inputSize = InputShape[1], outputSize = OutputShape[1];
        ReadOnlySpan<double> x = Input.Span, dy = outputError.Span;
        Span<double> w = Weights.Span, b = Bias.Span, dx = inputError.Span, dw = WeightsError.Span, db = BiasError.Span;
        int i = 0;
        for (; i + 1 < inputSize; i += 2)
        {
            double x0 = x[i], x1 = x[i + 1], sum0 = 0, sum1 = 0;
            Span<double> w0 = w.Slice(i * outputSize, outputSize), dw0 = dw.Slice(i * outputSize, outputSize);
            Span<double> w1 = w.Slice((i + 1) * outputSize, outputSize), dw1 = dw.Slice((i + 1) * outputSize, outputSize);
            for (int j = 0; j < dy.Length; j++)
            {
                double weight0 = w0[j], weight1 = w1[j];
                sum0 += dy[j] * weight0;
                sum1 += dy[j] * weight1;
                double gradient0 = x0 * dy[j], gradient1 = x1 * dy[j];
                dw0[j] = gradient0;
                dw1[j] = gradient1;
                w0[j] = weight0 - learningRate * gradient0;
                w1[j] = weight1 - learningRate * gradient1;
            }
            dx[i] = sum0;
            dx[i + 1] = sum1;
        }
        if (i < inputSize)
        {
            // The last row, when the input size is odd.
            double xi = x[i], sum = 0;
            Span<double> wi = w.Slice(i * outputSize, outputSize), dwi = dw.Slice(i * outputSize, outputSize);
            for (int j = 0; j < dy.Length; j++)
            {
                double weight = wi[j];
                sum += dy[j] * weight;
                double gradient = xi * dy[j];
                dwi[j] = gradient;
                wi[j] = weight - learningRate * gradient;
            }
            dx[i] = sum;
        }
        for (int j = 0; j < outputSize; j++)
        {
            db[j] = dy[j];
            b[j] -= learningRate * dy[j];
        }
    }

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
