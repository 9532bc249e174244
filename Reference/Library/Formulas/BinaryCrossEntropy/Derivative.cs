using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class BinaryCrossEntropy
{
    /// <summary>
    /// <c>∂E/∂y_i = (−y*_i / y_i + (1 − y*_i) / (1 − y_i)) / n</c>, computed over its common denominator as
    /// <c>(y_i − y*_i) / (y_i·(1 − y_i)) / n</c>, which does not cancel when y_i is near y*_i; where a weight is 0, its
    /// term is left out: <c>1/(1 − y_i)/n</c> for y*_i = 0 and <c>−1/y_i/n</c> for y*_i = 1 (finite at y_i = 0 and 1
    /// respectively, as the limit 0·ln 0 = 0 makes them).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static void Derivative<T>(ReadOnlySpan<T> target, ReadOnlySpan<T> output, Span<T> outputError) where T : INumberBase<T>
    {
        LossArguments.Check("BinaryCrossEntropy.Derivative", target.Length, output.Length, outputError.Length);
        T n = T.CreateChecked(output.Length);
        for (int i = 0; i < output.Length; i++)
        {
            T t = target[i], y = output[i];
            T derivative = T.IsZero(t) ? T.One / (T.One - y)
                : t == T.One ? -T.One / y
                : (y - t) / (y * (T.One - y));
            outputError[i] = derivative / n;
        }
    }
}
