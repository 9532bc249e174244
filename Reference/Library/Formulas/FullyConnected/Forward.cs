using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>The fully connected layer's formulas, one file each. Derivation: docs/Layers/FullyConnected.md.</summary>
public static partial class FullyConnected
{
    /// <summary>
    /// <c>Y = X·W + B</c>: <c>y_j = (Σ_i x_i·w_ij) + b_j</c>, with X 1×i, W i×j (row-major), B and Y 1×j. Each sum
    /// starts at zero and takes its terms in the order of i; the bias is added to the finished sum.
    /// </summary>
    /// <exception cref="ArgumentException">The weights are not <c>input.Length × output.Length</c>, or the bias is not as long as the output.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output)
        where T : INumberBase<T>
    {
        int i = input.Length, j = output.Length;
        Require.Length("FullyConnected.Forward", nameof(weights), weights.Length, (long)i * j, "a {0}×{1} W", i, j);
        Require.Length("FullyConnected.Forward", nameof(bias), bias.Length, j, "a 1×{0} B", j, 0);
        for (int column = 0; column < j; column++)
        {
            T sum = T.Zero;
            for (int row = 0; row < i; row++)
            {
                sum += input[row] * weights[row * j + column];
            }
            output[column] = sum + bias[column];
        }
    }
}
