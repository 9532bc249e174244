using System;

namespace ReferenceNN.Formulas;

/// <summary>Flatten's formulas: a reshape in row-major order, and back. Derivation: docs/Layers/Flatten.md.</summary>
public static partial class Flatten
{
    /// <summary>
    /// <c>y[0, (a·w + b)·d + c] = x[a, b, c]</c>: an h×w×d X (or any shape) becomes a 1×(h·w·d) row in row-major
    /// order, which leaves every element where it is.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output)
    {
        Require.Length("Flatten.Forward", nameof(output), output.Length, input.Length, "the input");
        for (int n = 0; n < input.Length; n++) output[n] = input[n];
    }
}
