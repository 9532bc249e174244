using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>Softmax over all the elements of its input. Derivation: docs/Layers/Softmax.md.</summary>
public static partial class Softmax
{
    /// <summary>
    /// <c>y_i = e^(x_i − m) / Σ_l e^(x_l − m)</c> with <c>m = max_l x_l</c> (the same value as e^(x_i) / Σ e^(x_l); the
    /// shift keeps e from overflowing). The maximum is taken in the order of l (a NaN makes every output NaN), the sum
    /// starts at zero and takes its terms in the order of l.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : IExponentialFunctions<T>, IComparisonOperators<T, T, bool>
    {
        Require.Length("Softmax.Forward", nameof(output), output.Length, input.Length, "the input");
        Require.Positive("Softmax.Forward", "input.Length", input.Length);
        T max = input[0];
        for (int l = 1; l < input.Length; l++)
        {
            if (input[l] > max || T.IsNaN(input[l])) max = input[l];
        }
        T sum = T.Zero;
        for (int l = 0; l < input.Length; l++)
        {
            output[l] = Elementary.Exp(input[l] - max);
            sum += output[l];
        }
        for (int i = 0; i < output.Length; i++)
        {
            output[i] /= sum;
        }
    }
}
