using System;

namespace ReferenceNN.Verification.Support;

/// <summary>Random tensors for tests, always from a caller's seeded <see cref="System.Random"/>.</summary>
public static class RandomTensor
{
    /// <summary>Elements uniform in [low, high).</summary>
    public static Tensor Uniform(Shape shape, System.Random random, double low = -1, double high = 1)
    {
        var tensor = new Tensor(shape);
        Span<double> values = tensor.Span;
        for (int n = 0; n < values.Length; n++) values[n] = low + (high - low) * random.NextDouble();
        return tensor;
    }

    /// <summary>Elements uniform in ±[margin, high): random sign, magnitude kept away from 0 (e.g. ReLU's kink).</summary>
    public static Tensor AwayFromZero(Shape shape, System.Random random, double margin, double high)
    {
        var tensor = new Tensor(shape);
        Span<double> values = tensor.Span;
        for (int n = 0; n < values.Length; n++)
        {
            double magnitude = margin + (high - margin) * random.NextDouble();
            values[n] = random.Next(2) == 0 ? -magnitude : magnitude;
        }
        return tensor;
    }
}
