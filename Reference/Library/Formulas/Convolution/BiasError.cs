using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Convolution
{
    /// <summary>
    /// <c>∂E/∂B_k = Σ_p Σ_q ∂E/∂Y_k[p,q]</c>: each sum starts at zero and takes its terms row by row (p, then q).
    /// </summary>
    /// <exception cref="ArgumentException">outputError is not height×width×k for the k = biasError.Length channels, or a size is below 1.</exception>
    public static void BiasError<T>(ReadOnlySpan<T> outputError, int outputHeight, int outputWidth, Span<T> biasError)
        where T : INumberBase<T>
    {
        const string operation = "Convolution.BiasError";
        Require.Positive(operation, nameof(outputHeight), outputHeight);
        Require.Positive(operation, nameof(outputWidth), outputWidth);
        Require.Length(operation, nameof(outputError), outputError.Length, (long)outputHeight * outputWidth * biasError.Length,
            "∂E/∂Y {0}×{1}×{2}", outputHeight, outputWidth, biasError.Length);
        for (int k = 0; k < biasError.Length; k++)
        {
            var outputErrorK = new ReadOnlyPlane<T>(outputError, outputHeight, outputWidth, biasError.Length, k);
            T sum = T.Zero;
            for (int p = 0; p < outputHeight; p++)
            for (int q = 0; q < outputWidth; q++)
            {
                sum += outputErrorK[p, q];
            }
            biasError[k] = sum;
        }
    }
}
