using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Convolution
{
    /// <summary>
    /// <c>∂E/∂K_{d,k} = X_d ⋆ ∂E/∂Y_k</c> (valid cross-correlation, an m×n result):
    /// <c>∂E/∂K[a,b,d,k] = Σ_p Σ_q X[p+a, q+b, d]·∂E/∂Y[p,q,k]</c>, each sum from zero in the order p, q.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit each other or the spans; the message names them.</exception>
    public static void WeightsError<T>(ReadOnlySpan<T> input, Shape inputShape, ReadOnlySpan<T> outputError, Shape weightsShape,
        Span<T> weightsError)
        where T : INumberBase<T>
    {
        const string operation = "Convolution.WeightsError";
        Sizes s = Sizes.Of(operation, inputShape, weightsShape);
        Require.Length(operation, nameof(input), input.Length, s.InputSize, "an input {0}×{1}×{2}", s.I, s.J, s.D);
        Require.Length(operation, nameof(outputError), outputError.Length, s.OutputSize, "∂E/∂Y {0}×{1}×{2}", s.OutHeight, s.OutWidth, s.K);
        Require.Length(operation, nameof(weightsError), weightsError.Length, s.WeightsSize, "∂E/∂K {0}×{1}×{2}×{3}", s.M, s.N, s.D, s.K);
        weightsError.Clear();
        for (int d = 0; d < s.D; d++)
        for (int k = 0; k < s.K; k++)
        {
            CorrelateValid(
                new ReadOnlyPlane<T>(input, s.I, s.J, s.D, d),
                new ReadOnlyPlane<T>(outputError, s.OutHeight, s.OutWidth, s.K, k),
                new Plane<T>(weightsError, s.M, s.N, s.D * s.K, d * s.K + k));
        }
    }
}
