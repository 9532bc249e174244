using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>
/// Binary cross-entropy for outputs in [0, 1] and its derivative. A term whose weight (y*_i or 1 − y*_i) is 0 is left
/// out, the limit 0·ln 0 = 0; nothing is clipped. Derivation: docs/Losses/BinaryCrossEntropy.md.
/// </summary>
public static partial class BinaryCrossEntropy
{
    /// <summary>
    /// <c>E = −(1/n) Σ_i [y*_i ln y_i + (1 − y*_i) ln(1 − y_i)]</c>: the sum from zero in the order of i, the two
    /// terms of each i in the order written, then negated and divided by n. ln(1 − y_i) is computed as
    /// ln(1 + (−y_i)) with the correctly rounded <see cref="Elementary.Log1P{T}"/>, so that a small y_i is not lost in
    /// 1 − y_i first.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static T Value<T>(ReadOnlySpan<T> target, ReadOnlySpan<T> output) where T : ILogarithmicFunctions<T>
    {
        LossArguments.Check("BinaryCrossEntropy.Value", target.Length, output.Length);
        T sum = T.Zero;
        for (int i = 0; i < output.Length; i++)
        {
            if (!T.IsZero(target[i])) sum += target[i] * Elementary.Log(output[i]);
            if (target[i] != T.One) sum += (T.One - target[i]) * Elementary.Log1P(-output[i]);
        }
        return -sum / T.CreateChecked(output.Length);
    }
}
