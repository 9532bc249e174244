using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class CrossEntropy
{
    /// <summary><c>∂E/∂y_i = −y*_i / y_i</c>, and 0 where y*_i = 0.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static void Derivative<T>(ReadOnlySpan<T> target, ReadOnlySpan<T> output, Span<T> outputError) where T : INumberBase<T>
    {
        LossArguments.Check("CrossEntropy.Derivative", target.Length, output.Length, outputError.Length);
        for (int i = 0; i < output.Length; i++)
        {
            outputError[i] = T.IsZero(target[i]) ? T.Zero : -target[i] / output[i];
        }
    }
}
