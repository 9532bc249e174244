using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Convolution
{
    /// <summary>
    /// <c>∂E/∂X_d = Σ_k ∂E/∂Y_k ∗ K_{d,k}</c> (∗: full convolution, <see cref="ConvolveFull"/>):
    /// <c>∂E/∂X[r,s,d] = Σ_k Σ_a Σ_b ∂E/∂Y[r−a, s−b, k]·K[a,b,d,k]</c> over the terms inside ∂E/∂Y. For each input
    /// channel d: ∂E/∂X_d starts at zero and the convolutions of the output channels are added in the order of k.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit each other or the spans; the message names them.</exception>
    public static void InputError<T>(ReadOnlySpan<T> outputError, ReadOnlySpan<T> weights, Shape weightsShape, Shape inputShape,
        Span<T> inputError)
        where T : INumberBase<T>
    {
        const string operation = "Convolution.InputError";
        Sizes s = Sizes.Of(operation, inputShape, weightsShape);
        Require.Length(operation, nameof(outputError), outputError.Length, s.OutputSize, "∂E/∂Y {0}×{1}×{2}", s.OutHeight, s.OutWidth, s.K);
        Require.Length(operation, nameof(weights), weights.Length, s.WeightsSize, "weights {0}×{1}×{2}×{3}", s.M, s.N, s.D, s.K);
        Require.Length(operation, nameof(inputError), inputError.Length, s.InputSize, "∂E/∂X {0}×{1}×{2}", s.I, s.J, s.D);
        inputError.Clear();
        for (int d = 0; d < s.D; d++)
        {
            var inputErrorD = new Plane<T>(inputError, s.I, s.J, s.D, d);
            for (int k = 0; k < s.K; k++)
            {
                ConvolveFull(new ReadOnlyPlane<T>(outputError, s.OutHeight, s.OutWidth, s.K, k), Kernel(weights, s, d, k), inputErrorD);
            }
        }
    }
}
