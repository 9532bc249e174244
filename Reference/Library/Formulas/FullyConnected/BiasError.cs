using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class FullyConnected
{
    /// <summary><c>∂E/∂B = ∂E/∂Y</c>: <c>∂E/∂b_j = ∂E/∂y_j</c>.</summary>
    /// <exception cref="ArgumentException">biasError is not as long as outputError.</exception>
    public static void BiasError<T>(ReadOnlySpan<T> outputError, Span<T> biasError)
        where T : INumberBase<T>
    {
        Require.Length("FullyConnected.BiasError", nameof(biasError), biasError.Length, outputError.Length, "∂E/∂Y");
        for (int column = 0; column < outputError.Length; column++)
        {
            biasError[column] = outputError[column];
        }
    }
}
