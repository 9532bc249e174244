using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class BinaryCrossEntropy
{
    /// <summary>
    /// <c>∂E/∂y_i = (−y*_i / y_i + (1 − y*_i) / (1 − y_i)) / n</c>, each of the two terms left out where its weight is 0.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static void Derivative<T>(ReadOnlySpan<T> target, ReadOnlySpan<T> output, Span<T> outputError) where T : INumberBase<T>
    {
        LossArguments.Check("BinaryCrossEntropy.Derivative", target.Length, output.Length, outputError.Length);
        T n = T.CreateChecked(output.Length);
        for (int i = 0; i < output.Length; i++)
        {
            T derivative = T.Zero;
            if (!T.IsZero(target[i])) derivative -= target[i] / output[i];
            if (target[i] != T.One) derivative += (T.One - target[i]) / (T.One - output[i]);
            outputError[i] = derivative / n;
        }
    }
}
