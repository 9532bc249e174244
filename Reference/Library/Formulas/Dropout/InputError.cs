using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Dropout
{
    /// <summary><c>∂E/∂X = ∂E/∂Y ⊙ M / (1 − p)</c>: <c>∂E/∂x_n = (∂E/∂y_n·m_n) / (1 − p)</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void InputError<T>(ReadOnlySpan<T> outputError, ReadOnlySpan<T> mask, T rate, Span<T> inputError)
        where T : INumberBase<T>
    {
        Require.Length("Dropout.InputError", nameof(mask), mask.Length, outputError.Length, "∂E/∂Y");
        Require.Length("Dropout.InputError", nameof(inputError), inputError.Length, outputError.Length, "∂E/∂Y");
        for (int n = 0; n < outputError.Length; n++)
        {
            inputError[n] = outputError[n] * mask[n] / (T.One - rate);
        }
    }
}
