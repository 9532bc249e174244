using System;

namespace ReferenceNN.Verification.Support;

/// <summary>Random tensors for tests, always from a caller's seeded <see cref="Rng"/>.</summary>
public static class RandomTensor
{
    /// <summary>Elements uniform in [low, high).</summary>
    public static Tensor Uniform(Shape shape, Rng random, double low = -1, double high = 1)
    {
        var tensor = new Tensor(shape);
        Span<double> values = tensor.Span;
        for (int n = 0; n < values.Length; n++) values[n] = low + (high - low) * random.NextDouble();
        return tensor;
    }

    /// <summary>Elements uniform in ±[margin, high): random sign, magnitude kept away from 0 (e.g. ReLU's kink).</summary>
    public static Tensor AwayFromZero(Shape shape, Rng random, double margin, double high)
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

/// <summary>Values for bit-for-bit comparisons: magnitudes spread over many binades, signs mixed, some exact zeros and repeats.</summary>
public static class WideValues
{
    /// <summary>
    /// Fills <paramref name="values"/> with ±m·2ᵉ, m uniform in [1, 2), e uniform in [−<paramref name="spread"/>,
    /// <paramref name="spread"/>]; one value in 16 is a zero and one in 16 repeats an earlier value. Sums of such terms
    /// round differently in almost any other order, so a reordering shows.
    /// </summary>
    public static void Fill(Span<double> values, Rng random, int spread = 20)
    {
        for (int n = 0; n < values.Length; n++)
        {
            int kind = random.Next(16);
            if (kind == 0) { values[n] = random.Next(2) == 0 ? 0.0 : -0.0; continue; }
            if (kind == 1 && n > 0) { values[n] = values[random.Next(n)]; continue; }
            double magnitude = Math.ScaleB(1 + random.NextDouble(), random.Next(-spread, spread + 1));
            values[n] = random.Next(2) == 0 ? -magnitude : magnitude;
        }
    }

    /// <summary>A new tensor filled by <see cref="Fill"/>.</summary>
    public static Tensor Tensor(Shape shape, Rng random, int spread = 20)
    {
        var tensor = new Tensor(shape);
        Fill(tensor.Span, random, spread);
        return tensor;
    }
}

/// <summary>
/// The tests' random numbers: the library's <see cref="SplitMix64"/> seeded from an int, with the integer draws and the
/// shuffle tests need. Deterministic: the same seed gives the same sequence on every platform.
/// </summary>
public sealed class Rng : RandomSource
{
    private readonly SplitMix64 _generator;

    public Rng(int seed) => _generator = new SplitMix64(unchecked((ulong)seed));

    public override ulong NextUInt64() => _generator.NextUInt64();

    /// <summary>An integer uniform in [0, max) (max ≥ 1), from the top bits of the next draw.</summary>
    public int Next(int max) => (int)((NextUInt64() >> 32) * (ulong)max >> 32);

    /// <summary>An integer uniform in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>A 64-bit integer uniform in [min, max), by rejection.</summary>
    public long NextInt64(long min, long max)
    {
        ulong range = (ulong)(max - min), limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong draw;
        do draw = NextUInt64(); while (draw >= limit);
        return min + (long)(draw % range);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(T[] items)
    {
        for (int n = items.Length - 1; n > 0; n--)
        {
            int k = Next(n + 1);
            (items[n], items[k]) = (items[k], items[n]);
        }
    }
}

/// <summary>Arrays of random doubles for the formula-level tests, always from a caller's seeded <see cref="Rng"/>.</summary>
public static class RandomValues
{
    /// <summary>Elements uniform in [low, high).</summary>
    public static double[] Uniform(int length, Rng random, double low = -1, double high = 1)
    {
        var values = new double[length];
        for (int n = 0; n < length; n++) values[n] = low + (high - low) * random.NextDouble();
        return values;
    }

    /// <summary>
    /// Dyadic values a·2⁻ᵉ with a an integer, |a| &lt; 2^<paramref name="bits"/>, and e uniform in [0, <paramref name="maxShift"/>]:
    /// every value is an integer multiple of 2^−maxShift below 2^bits in magnitude. One value in 16 is zero (of either sign).
    /// Sums of their products are exact in double as long as they stay below 2⁵³ units (the exact tests argue the bound).
    /// </summary>
    public static double[] Dyadic(int length, Rng random, int bits = 10, int maxShift = 10)
    {
        var values = new double[length];
        for (int n = 0; n < length; n++)
        {
            if (random.Next(16) == 0) { values[n] = random.Next(2) == 0 ? 0.0 : -0.0; continue; }
            long a = random.NextInt64(-(1L << bits) + 1, 1L << bits);
            values[n] = Math.ScaleB(a, -random.Next(maxShift + 1));
        }
        return values;
    }

    /// <summary>Each element rounded to float and back: what a float32 implementation would return.</summary>
    public static double[] RoundedToFloat(ReadOnlySpan<double> values)
    {
        var rounded = new double[values.Length];
        for (int n = 0; n < values.Length; n++) rounded[n] = (float)values[n];
        return rounded;
    }
}
