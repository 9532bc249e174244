using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class Convolution
{
    /// <summary>
    /// <c>output ← output + X ⋆ K</c>, the 2-D cross-correlation in "valid" mode (the article's
    /// <c>signal.correlate2d(x, k, 'valid')</c>): <c>(X ⋆ K)[p,q] = Σ_a Σ_b X[p+a, q+b]·K[a,b]</c> for an h×w X, an
    /// m×n K and an (h−m+1)×(w−n+1) output. Each value's sum starts at zero and takes its terms in the order a, b
    /// (row by row of K); the finished sum is added to output[p,q].
    /// </summary>
    /// <exception cref="System.ArgumentException">The output is not (h−m+1)×(w−n+1).</exception>
    public static void CorrelateValid<T>(ReadOnlyPlane<T> x, ReadOnlyPlane<T> kernel, Plane<T> output)
        where T : INumberBase<T>
    {
        RequirePlane("Convolution.CorrelateValid", output.Height, output.Width,
            x.Height - kernel.Height + 1, x.Width - kernel.Width + 1);
        for (int p = 0; p < output.Height; p++)
        for (int q = 0; q < output.Width; q++)
        {
            T sum = T.Zero;
            for (int a = 0; a < kernel.Height; a++)
            for (int b = 0; b < kernel.Width; b++)
            {
                sum += x[p + a, q + b] * kernel[a, b];
            }
            output[p, q] += sum;
        }
    }

    private static void RequirePlane(string operation, int height, int width, int expectedHeight, int expectedWidth)
    {
        if (height != expectedHeight || width != expectedWidth)
        {
            throw new System.ArgumentException(
                $"{operation}: the output is {height}×{width} but the operands give {expectedHeight}×{expectedWidth}.", "output");
        }
    }
}
