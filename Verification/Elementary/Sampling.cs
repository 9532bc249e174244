using System;

namespace ReferenceNN.Verification.Elementary;

/// <summary>Deterministic random inputs for the property tests.</summary>
internal static class Sampling
{
    public static double Uniform(Random r, double low, double high) => low + (high - low) * r.NextDouble();

    /// <summary>A uniformly random bit pattern (so uniform in exponent and mantissa) accepted by the filter.</summary>
    public static double Bits(Random r, Func<double, bool> accept)
    {
        while (true)
        {
            double x = BitConverter.Int64BitsToDouble(r.NextInt64() ^ (r.Next(2) == 0 ? 0L : long.MinValue));
            if (accept(x))
            {
                return x;
            }
        }
    }

    /// <summary>Half the inputs uniform on [low, high], half random bit patterns in it.</summary>
    public static double Mixed(Random r, double low, double high) =>
        r.Next(2) == 0 ? Uniform(r, low, high) : Bits(r, x => x >= low && x <= high);
}
