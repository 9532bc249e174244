using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class FullyConnected
{
    /// <summary>
    /// <c>∂E/∂X = ∂E/∂Y·Wᵀ</c>: <c>∂E/∂x_i = Σ_j ∂E/∂y_j·w_ij</c>, each sum starting at zero and taking its terms in
    /// the order of j. W is the weights before any update.
    /// </summary>
    /// <exception cref="ArgumentException">The weights are not <c>inputError.Length × outputError.Length</c>.</exception>
    public static void InputError<T>(ReadOnlySpan<T> outputError, ReadOnlySpan<T> weights, Span<T> inputError)
        where T : INumberBase<T>
    {
        int i = inputError.Length, j = outputError.Length;
        Require.Length("FullyConnected.InputError", nameof(weights), weights.Length, (long)i * j, "a {0}×{1} W", i, j);
        for (int row = 0; row < i; row++)
        {
            T sum = T.Zero;
            for (int column = 0; column < j; column++)
            {
                sum += outputError[column] * weights[row * j + column];
            }
            inputError[row] = sum;
        }
    }
}
