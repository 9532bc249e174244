using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>
/// Max pooling's formulas, one file each: p×q windows with stride (s, t) over each channel of an i×j×d input; output
/// (⌊(i−p)/s⌋+1)×(⌊(j−q)/t⌋+1)×d. Derivation: docs/Layers/MaxPooling.md.
/// </summary>
public static partial class MaxPooling
{
    /// <summary>
    /// <c>y[r,c,d] = max_{a&lt;p, b&lt;q} x[r·s + a, c·t + b, d]</c>, and <c>argmax[r,c,d]</c> = the flat input position of
    /// the maximum. The window is scanned row by row; a later element replaces the running maximum when it is greater
    /// or NaN, so a tie goes to the first maximum and a NaN anywhere in the window wins (the last NaN), as in PyTorch.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is not i×j×d, a window or stride is below 1 or the window larger than the input, or a span's length does not fit.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, Shape inputShape, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
        Span<T> output, Span<int> argmax)
        where T : INumberBase<T>, IComparisonOperators<T, T, bool>
    {
        const string operation = "MaxPooling.Forward";
        Shape outputShape = OutputShape(operation, inputShape, poolHeight, poolWidth, strideHeight, strideWidth);
        Require.Length(operation, nameof(input), input.Length, inputShape.Size, "an input {0}×{1}×{2}", inputShape[0], inputShape[1], inputShape[2]);
        Require.Length(operation, nameof(output), output.Length, outputShape.Size, "an output {0}×{1}×{2}", outputShape[0], outputShape[1], outputShape[2]);
        Require.Length(operation, nameof(argmax), argmax.Length, outputShape.Size, "an output {0}×{1}×{2}", outputShape[0], outputShape[1], outputShape[2]);
        int width = inputShape[1], depth = inputShape[2];
        for (int r = 0; r < outputShape[0]; r++)
        for (int c = 0; c < outputShape[1]; c++)
        for (int d = 0; d < depth; d++)
        {
            int best = (r * strideHeight * width + c * strideWidth) * depth + d;
            for (int a = 0; a < poolHeight; a++)
            for (int b = 0; b < poolWidth; b++)
            {
                int position = ((r * strideHeight + a) * width + (c * strideWidth + b)) * depth + d;
                if (input[position] > input[best] || T.IsNaN(input[position])) best = position;
            }
            int o = (r * outputShape[1] + c) * depth + d;
            output[o] = input[best];
            argmax[o] = best;
        }
    }

    /// <summary>The output shape (⌊(i−p)/s⌋+1)×(⌊(j−q)/t⌋+1)×d of a pooling, checked.</summary>
    /// <exception cref="ArgumentException">The shape is not i×j×d, a size is below 1 or the window is larger than the input.</exception>
    public static Shape OutputShape(Shape inputShape, int poolHeight, int poolWidth, int strideHeight, int strideWidth) =>
        OutputShape("MaxPooling.OutputShape", inputShape, poolHeight, poolWidth, strideHeight, strideWidth);

    internal static Shape OutputShape(string operation, Shape inputShape, int poolHeight, int poolWidth, int strideHeight, int strideWidth)
    {
        if (inputShape.Rank != 3)
        {
            throw new ArgumentException($"{operation}: the input shape is {inputShape} but must be i×j×d.", nameof(inputShape));
        }
        Require.Positive(operation, nameof(poolHeight), poolHeight);
        Require.Positive(operation, nameof(poolWidth), poolWidth);
        Require.Positive(operation, nameof(strideHeight), strideHeight);
        Require.Positive(operation, nameof(strideWidth), strideWidth);
        if (poolHeight > inputShape[0] || poolWidth > inputShape[1])
        {
            throw new ArgumentException(
                $"{operation}: the window {poolHeight}×{poolWidth} is larger than the input {inputShape}.", nameof(poolHeight));
        }
        return new Shape((inputShape[0] - poolHeight) / strideHeight + 1, (inputShape[1] - poolWidth) / strideWidth + 1, inputShape[2]);
    }
}
