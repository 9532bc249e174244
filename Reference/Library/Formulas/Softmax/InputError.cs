using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Softmax
{
    /// <summary>
    /// <c>∂E/∂X = Y ⊙ (∂E/∂Y − ⟨∂E/∂Y, Y⟩)</c>: <c>∂E/∂x_i = y_i·(∂E/∂y_i − Σ_l ∂E/∂y_l·y_l)</c>, from the Jacobian
    /// ∂y_l/∂x_i = y_l(δ_li − y_i). Y is the forward's output; the sum starts at zero and takes its terms in the order of l.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void InputError<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> outputError, Span<T> inputError)
        where T : INumberBase<T>
    {
        Require.Length("Softmax.InputError", nameof(outputError), outputError.Length, output.Length, "the output Y");
        Require.Length("Softmax.InputError", nameof(inputError), inputError.Length, output.Length, "the output Y");
        T dot = T.Zero;
        for (int l = 0; l < output.Length; l++)
        {
            dot += outputError[l] * output[l];
        }
        for (int i = 0; i < output.Length; i++)
        {
            inputError[i] = output[i] * (outputError[i] - dot);
        }
    }
}
