using System;
using System.Globalization;
using System.Linq;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// An element-wise activation's derivative formula against the dual derivative of its function formula. Each point
/// is its own one-element tensor: |f′(x) − dual| ≤ <see cref="Agreement.Rtol"/>·|dual|, relative to the derivative
/// itself, so a tail value such as tanh′(40) ≈ 7e-35 must be right to 1e-12 of itself, not of the largest value.
/// </summary>
public static class ActivationCheck
{
    /// <summary>Fixed points: zeros, tiny values, the places where naive formulas break (|x| ≈ 19.06, 36.7) and ±40.</summary>
    public static double[] SpecialPoints { get; } =
        [0.0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-8, -1e-8, 0.5, -0.5, 19.06, -19.06, 20, -20, 36.7, -36.7, 40, -40];

    /// <summary>The dual derivative: the tangent of f at x with tangent 1.</summary>
    public static double DualDerivative(Func<Dual<double>, Dual<double>> function, double x) => function(Dual<double>.Variable(x)).Tangent;

    public static Verdict DerivativeMatchesDual(string name, Func<Dual<double>, Dual<double>> function, Func<double, double> derivative,
        double[] points, string? record = null)
    {
        double worstFraction = 0, worstRelative = 0;
        string at = "";
        foreach (double x in points)
        {
            double reference = DualDerivative(function, x), actual = derivative(x);
            double error = Math.Abs(actual - reference);
            double fraction = double.IsNaN(actual) || double.IsNaN(reference) ? double.PositiveInfinity
                : actual == reference ? 0 : double.IsFinite(error) ? error / (Agreement.Rtol * Math.Abs(reference)) : double.PositiveInfinity;
            if (double.IsNaN(fraction)) fraction = double.PositiveInfinity;
            if (fraction >= worstFraction && (fraction > 0 || at.Length == 0))
            {
                worstFraction = fraction;
                worstRelative = reference == 0 ? (error == 0 ? 0 : double.PositiveInfinity) : error / Math.Abs(reference);
                at = string.Create(CultureInfo.InvariantCulture, $"x = {x:R}: f′ formula {actual:R}, dual {reference:R}");
            }
        }
        if (record is not null) WorstErrors.Record(record, worstRelative);
        bool passed = worstFraction <= 1;
        return new Verdict(passed, worstFraction, worstRelative, string.Create(CultureInfo.InvariantCulture,
            $"{name} over {points.Length} points: {(passed ? "agree" : "DIFFER")}, worst at {at}, relative error {worstRelative:E2} (tolerance {Agreement.Rtol:E0})"));
    }

    /// <summary><paramref name="count"/> points uniform in [−40, 40) from <paramref name="random"/>.</summary>
    public static double[] Across40(Rng random, int count) => RandomValues.Uniform(count, random, -40, 40);

    /// <summary>The derivative formula's values rounded to float, as a float32 implementation would give them.</summary>
    public static Func<double, double> RoundedToFloat(Func<double, double> derivative) => x => (float)derivative(x);

    /// <summary>Points of [−40, 40) at least <paramref name="margin"/> away from 0.</summary>
    public static double[] AwayFromZero(Rng random, int count, double margin) =>
        Enumerable.Range(0, count).Select(_ => (random.Next(2) == 0 ? -1 : 1) * (margin + (40 - margin) * random.NextDouble())).ToArray();
}
