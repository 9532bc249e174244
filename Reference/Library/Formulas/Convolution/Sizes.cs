using System;

namespace ReferenceNN.Formulas;

public static partial class Convolution
{
    /// <summary>
    /// The sizes of one convolution, checked: input i×j×d, weights m×n×d×k, output (i−m+1)×(j−n+1)×k.
    /// </summary>
    internal readonly record struct Sizes(int I, int J, int D, int M, int N, int K)
    {
        internal int OutHeight => I - M + 1;

        internal int OutWidth => J - N + 1;

        internal static Sizes Of(string operation, Shape inputShape, Shape weightsShape)
        {
            if (inputShape.Rank != 3 || weightsShape.Rank != 4 || weightsShape[2] != inputShape[2]
                || weightsShape[0] > inputShape[0] || weightsShape[1] > inputShape[1])
            {
                throw new ArgumentException(
                    $"{operation}: weights {weightsShape} do not fit an input {inputShape} (input i×j×d, weights m×n×d×k with m ≤ i, n ≤ j).",
                    nameof(weightsShape));
            }
            return new Sizes(inputShape[0], inputShape[1], inputShape[2], weightsShape[0], weightsShape[1], weightsShape[3]);
        }




        internal long InputSize => (long)I * J * D;

        internal long WeightsSize => (long)M * N * D * K;

        internal long OutputSize => (long)OutHeight * OutWidth * K;
    }
}
