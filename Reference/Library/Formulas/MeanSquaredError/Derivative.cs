using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class MeanSquaredError
{
    /// <summary><c>∂E/∂Y = (2/n)(Y − Y*)</c>: <c>∂E/∂y_i = 2(y_i − y*_i) / n</c>, as the article's <c>2*(y_pred-y_true)/y_true.size</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static void Derivative<T>(ReadOnlySpan<T> target, ReadOnlySpan<T> output, Span<T> outputError) where T : INumberBase<T>
    {
        LossArguments.Check("MeanSquaredError.Derivative", target.Length, output.Length, outputError.Length);
        T two = T.One + T.One, n = T.CreateChecked(output.Length);
        for (int i = 0; i < output.Length; i++)
        {
            outputError[i] = two * (output[i] - target[i]) / n;
        }
    }
}
