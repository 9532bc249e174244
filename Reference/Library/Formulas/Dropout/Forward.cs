using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>Inverted dropout's formulas in training, with a mask M of ones and zeros and rate p. Derivation: docs/Layers/Dropout.md.</summary>
public static partial class Dropout
{
    /// <summary><c>Y = X ⊙ M / (1 − p)</c>: <c>y_n = (x_n·m_n) / (1 − p)</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> mask, T rate, Span<T> output)
        where T : INumberBase<T>
    {
        Require.Length("Dropout.Forward", nameof(mask), mask.Length, input.Length, "the input");
        Require.Length("Dropout.Forward", nameof(output), output.Length, input.Length, "the input");
        for (int n = 0; n < input.Length; n++)
        {
            output[n] = input[n] * mask[n] / (T.One - rate);
        }
    }
}
