using System;

namespace ReferenceNN;

/// <summary>The article's initialisation: every weight and bias starts as uniform[0,1) − 0.5.</summary>
public static class Initialization
{
    /// <summary>
    /// Fills <paramref name="tensor"/> in row-major order with <c>random.NextDouble() − 0.5</c>, the article's
    /// <c>np.random.rand(...) - 0.5</c>. The same <see cref="Random"/> state gives bit-identical values.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Uniform(Tensor tensor, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        Span<double> values = tensor.Span;
        for (int n = 0; n < values.Length; n++)
        {
            values[n] = random.NextDouble() - 0.5;
        }
    }
}
