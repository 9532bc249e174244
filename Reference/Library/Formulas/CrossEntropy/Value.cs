using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>
/// Cross-entropy of a probability output (a softmax's) against a target distribution, and its derivative. A term with
/// y*_i = 0 is left out (0·ln 0 = 0); nothing is clipped. Derivation: docs/Losses/CrossEntropy.md.
/// </summary>
public static partial class CrossEntropy
{
    /// <summary><c>E = −Σ_i y*_i ln y_i</c>: the sum from zero in the order of i, leaving out y*_i = 0, then negated.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static T Value<T>(ReadOnlySpan<T> target, ReadOnlySpan<T> output) where T : ILogarithmicFunctions<T>
    {
        LossArguments.Check("CrossEntropy.Value", target.Length, output.Length);
        T sum = T.Zero;
        for (int i = 0; i < output.Length; i++)
        {
            if (!T.IsZero(target[i])) sum += target[i] * Elementary.Log(output[i]);
        }
        return -sum;
    }
}
