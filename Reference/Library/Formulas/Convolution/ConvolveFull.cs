using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Convolution
{
    /// <summary>
    /// <c>output ← output + M ∗ K</c>, the 2-D convolution in "full" mode (the article's
    /// <c>signal.convolve2d(m, k, 'full')</c>): <c>(M ∗ K)[r,s] = Σ_a Σ_b M[r−a, s−b]·K[a,b]</c> over the terms whose
    /// index (r−a, s−b) lies inside M (the rest are the zero padding of "full" mode and are left out), for an h×w M,
    /// an m×n K and an (h+m−1)×(w+n−1) output. Each value's sum starts at zero and takes its terms in the order a, b;
    /// the finished sum is added to output[r,s].
    /// </summary>
    /// <exception cref="ArgumentException">The output is not (h+m−1)×(w+n−1).</exception>
    public static void ConvolveFull<T>(ReadOnlyPlane<T> matrix, ReadOnlyPlane<T> kernel, Plane<T> output)
        where T : INumberBase<T>
    {
        RequirePlane("Convolution.ConvolveFull", output.Height, output.Width,
            matrix.Height + kernel.Height - 1, matrix.Width + kernel.Width - 1);
        for (int r = 0; r < output.Height; r++)
        for (int s = 0; s < output.Width; s++)
        {
            T sum = T.Zero;
            for (int a = Math.Max(0, r - matrix.Height + 1); a <= Math.Min(kernel.Height - 1, r); a++)
            for (int b = Math.Max(0, s - matrix.Width + 1); b <= Math.Min(kernel.Width - 1, s); b++)
            {
                sum += matrix[r - a, s - b] * kernel[a, b];
            }
            output[r, s] += sum;
        }
    }
}
