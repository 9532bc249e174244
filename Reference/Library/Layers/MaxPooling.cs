using System;

namespace ReferenceNN.Layers;

/// <summary>
/// Max pooling over p×q windows with stride (s, t), per channel. Input i×j×d; output
/// (⌊(i − p)/s⌋ + 1)×(⌊(j − q)/t⌋ + 1)×d, each element the maximum of its window. Backward routes each output's error
/// to the position of its window's maximum (summing where windows overlap); a tie goes to the first maximum in
/// row-major order within the window, as in PyTorch. Derivation: docs/Layers/MaxPooling.md.
/// </summary>
public sealed class MaxPooling : Layer
{
    private readonly int[] _argmax;

    /// <summary>Creates a layer for <paramref name="inputShape"/> (i×j×d) with p×q windows and stride (s, t); the stride defaults to the window.</summary>
    /// <exception cref="ArgumentException">The input is not i×j×d, or the window is larger than the input; the message names both.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A window size or stride is below 1.</exception>
    public MaxPooling(Shape inputShape, int poolHeight, int poolWidth, int? strideHeight = null, int? strideWidth = null)
        : base(inputShape, OutputShapeOf(inputShape, poolHeight, poolWidth, strideHeight ?? poolHeight, strideWidth ?? poolWidth))
    {
        PoolHeight = poolHeight;
        PoolWidth = poolWidth;
        StrideHeight = strideHeight ?? poolHeight;
        StrideWidth = strideWidth ?? poolWidth;
        _argmax = new int[OutputShape.Size];
    }

    /// <summary>p, the window's height.</summary>
    public int PoolHeight { get; }

    /// <summary>q, the window's width.</summary>
    public int PoolWidth { get; }

    /// <summary>s, the vertical stride.</summary>
    public int StrideHeight { get; }

    /// <summary>t, the horizontal stride.</summary>
    public int StrideWidth { get; }

    /// <summary>y[r,c,ch] = max over a &lt; p, b &lt; q of x[r·s + a, c·t + b, ch]; the first maximum in row-major order is remembered.</summary>
    protected override void ForwardCore(Tensor input, Tensor output)
    {
        int width = InputShape[1], depth = InputShape[2], outHeight = OutputShape[0], outWidth = OutputShape[1];
        ReadOnlySpan<double> x = input.Span;
        Span<double> y = output.Span;
        for (int r = 0; r < outHeight; r++)
        for (int c = 0; c < outWidth; c++)
        for (int ch = 0; ch < depth; ch++)
        {
            int best = (r * StrideHeight * width + c * StrideWidth) * depth + ch;
            for (int a = 0; a < PoolHeight; a++)
            for (int b = 0; b < PoolWidth; b++)
            {
                int position = ((r * StrideHeight + a) * width + (c * StrideWidth + b)) * depth + ch;
                if (x[position] > x[best]) best = position;
            }
            int o = (r * outWidth + c) * depth + ch;
            y[o] = x[best];
            _argmax[o] = best;
        }
    }

    /// <summary>∂E/∂x[pos] = Σ of ∂E/∂y[o] over the outputs o whose window's maximum is at pos; 0 elsewhere.</summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        ReadOnlySpan<double> dy = outputError.Span;
        Span<double> dx = inputError.Span;
        dx.Clear();
        for (int o = 0; o < dy.Length; o++)
        {
            dx[_argmax[o]] += dy[o];
        }
    }

    private static Shape OutputShapeOf(Shape inputShape, int poolHeight, int poolWidth, int strideHeight, int strideWidth)
    {
        if (inputShape.Rank != 3)
        {
            throw new ArgumentException($"MaxPooling: the input shape is {inputShape} but must be i×j×d.", nameof(inputShape));
        }
        Positive(poolHeight, nameof(poolHeight));
        Positive(poolWidth, nameof(poolWidth));
        Positive(strideHeight, nameof(strideHeight));
        Positive(strideWidth, nameof(strideWidth));
        if (poolHeight > inputShape[0] || poolWidth > inputShape[1])
        {
            throw new ArgumentException(
                $"MaxPooling: the window {poolHeight}×{poolWidth} is larger than the input {inputShape}.", nameof(poolHeight));
        }
        return new Shape((inputShape[0] - poolHeight) / strideHeight + 1, (inputShape[1] - poolWidth) / strideWidth + 1, inputShape[2]);
    }

    private static void Positive(int size, string name)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(name, size, $"MaxPooling: {name} must be at least 1, not {size}.");
    }
}
