using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>The article's loss and its derivative, over the n values of the output. Derivation: docs/Losses/MeanSquaredError.md.</summary>
public static partial class MeanSquaredError
{
    /// <summary><c>E = (1/n) Σ_i (y*_i − y_i)²</c>: the sum from zero in the order of i, then divided by n.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static T Value<T>(ReadOnlySpan<T> target, ReadOnlySpan<T> output) where T : INumberBase<T>
    {
        LossArguments.Check("MeanSquaredError.Value", target.Length, output.Length);
        T sum = T.Zero;
        for (int i = 0; i < output.Length; i++)
        {
            T difference = target[i] - output[i];
            sum += difference * difference;
        }
        return sum / T.CreateChecked(output.Length);
    }
}
