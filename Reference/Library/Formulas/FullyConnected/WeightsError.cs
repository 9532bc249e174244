using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class FullyConnected
{
    /// <summary><c>∂E/∂W = Xᵀ·∂E/∂Y</c>: <c>∂E/∂w_ij = x_i·∂E/∂y_j</c>, an i×j matrix (row-major) like W.</summary>
    /// <exception cref="ArgumentException">weightsError is not <c>input.Length × outputError.Length</c>.</exception>
    public static void WeightsError<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> outputError, Span<T> weightsError)
        where T : INumberBase<T>
    {
        int i = input.Length, j = outputError.Length;
        Require.Length("FullyConnected.WeightsError", nameof(weightsError), weightsError.Length, (long)i * j, "a {0}×{1} ∂E/∂W", i, j);
        for (int row = 0; row < i; row++)
        for (int column = 0; column < j; column++)
        {
            weightsError[row * j + column] = input[row] * outputError[column];
        }
    }
}
