using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Softmax
{
    /// <summary>
    /// <c>∂E/∂x_i = y_i·Σ_{l≠i} y_l·(∂E/∂y_i − ∂E/∂y_l)</c>, from the Jacobian ∂y_l/∂x_i = y_l(δ_li − y_i): the same as
    /// <c>y_i·(∂E/∂y_i − Σ_l ∂E/∂y_l·y_l)</c> since Σ_l y_l = 1, written so that nothing cancels when one output is near
    /// 1 (where the other form subtracts two nearly equal numbers and loses every digit). Y is the forward's output;
    /// for each i the sum starts at zero and takes its terms in the order of l, leaving out l = i.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void InputError<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> outputError, Span<T> inputError)
        where T : INumberBase<T>
    {
        Require.Length("Softmax.InputError", nameof(outputError), outputError.Length, output.Length, "the output Y");
        Require.Length("Softmax.InputError", nameof(inputError), inputError.Length, output.Length, "the output Y");
        for (int i = 0; i < output.Length; i++)
        {
            T sum = T.Zero;
            for (int l = 0; l < output.Length; l++)
            {
                if (l != i) sum += output[l] * (outputError[i] - outputError[l]);
            }
            inputError[i] = output[i] * sum;
        }
    }
}
