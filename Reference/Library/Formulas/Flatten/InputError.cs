using System;

namespace ReferenceNN.Formulas;

public static partial class Flatten
{
    /// <summary><c>∂E/∂x[a, b, c] = ∂E/∂y[0, (a·w + b)·d + c]</c>: the inverse reshape, element for element.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void InputError<T>(ReadOnlySpan<T> outputError, Span<T> inputError)
    {
        Require.Length("Flatten.InputError", nameof(inputError), inputError.Length, outputError.Length, "∂E/∂Y");
        for (int n = 0; n < outputError.Length; n++) inputError[n] = outputError[n];
    }
}
