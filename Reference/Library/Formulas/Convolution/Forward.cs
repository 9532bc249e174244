using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

/// <summary>
/// The convolutional layer's formulas (stride 1, "valid", channels last), one file each: input X i×j×d, weights K
/// m×n×d×k (K_{d,k} is the m×n kernel from input channel d to output channel k), bias B with k elements, output Y
/// (i−m+1)×(j−n+1)×k. Derivation: docs/Layers/Convolution.md.
/// </summary>
public static partial class Convolution
{
    /// <summary>
    /// <c>Y_k = Σ_d X_d ⋆ K_{d,k} + B_k</c> (⋆: valid cross-correlation, <see cref="CorrelateValid"/>). For each output
    /// channel k: Y_k starts at zero, the correlations of the input channels are added in the order of d, and the
    /// bias is added once, to the finished sum.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit each other or the spans; the message names them.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, Shape inputShape, ReadOnlySpan<T> weights, Shape weightsShape,
        ReadOnlySpan<T> bias, Span<T> output)
        where T : INumberBase<T>
    {
        const string operation = "Convolution.Forward";
        Sizes s = Sizes.Of(operation, inputShape, weightsShape);
        Require.Length(operation, nameof(input), input.Length, s.InputSize, "an input {0}×{1}×{2}", s.I, s.J, s.D);
        Require.Length(operation, nameof(weights), weights.Length, s.WeightsSize, "weights {0}×{1}×{2}×{3}", s.M, s.N, s.D, s.K);
        Require.Length(operation, nameof(bias), bias.Length, s.K, "{0} output channels", s.K, 0);
        Require.Length(operation, nameof(output), output.Length, s.OutputSize, "an output {0}×{1}×{2}", s.OutHeight, s.OutWidth, s.K);
        output.Clear();
        for (int k = 0; k < s.K; k++)
        {
            var outputK = new Plane<T>(output, s.OutHeight, s.OutWidth, s.K, k);
            for (int d = 0; d < s.D; d++)
            {
                CorrelateValid(Channel(input, s.I, s.J, s.D, d), Kernel(weights, s, d, k), outputK);
            }
            for (int p = 0; p < s.OutHeight; p++)
            for (int q = 0; q < s.OutWidth; q++)
            {
                outputK[p, q] += bias[k];
            }
        }
    }

    /// <summary>X_d: channel d of an h×w×depth tensor.</summary>
    private static ReadOnlyPlane<T> Channel<T>(ReadOnlySpan<T> tensor, int height, int width, int depth, int d) =>
        new(tensor, height, width, depth, d);

    /// <summary>K_{d,k}: element [a, b] of it is K[a, b, d, k], at ((a·n + b)·d_total + d)·k_total + k.</summary>
    private static ReadOnlyPlane<T> Kernel<T>(ReadOnlySpan<T> weights, Sizes s, int d, int k) =>
        new(weights, s.M, s.N, s.D * s.K, d * s.K + k);
}
