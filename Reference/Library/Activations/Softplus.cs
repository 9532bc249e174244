using System;

namespace ReferenceNN.Activations;

/// <summary>
/// <c>f(x) = log(1 + eˣ)</c>, <c>f′(x) = 1/(1 + e⁻ˣ)</c> (the sigmoid). Computed as max(x, 0) + log(1 + e^−|x|) so that
/// eˣ never overflows and small values keep their precision. Derivation: docs/Activations/Softplus.md.
/// </summary>
public sealed class Softplus : Activation
{
    /// <summary>The one instance; softplus has no settings.</summary>
    public static Softplus Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "softplus";

    /// <summary>max(x, 0) + log1p(e^−|x|), equal to log(1 + eˣ).</summary>
    public override double Function(double x) => Math.Max(x, 0) + Log1P(Math.Exp(-Math.Abs(x)));

    /// <summary>The sigmoid 1/(1 + e⁻ˣ).</summary>
    public override double Derivative(double x) => Sigmoid.Instance.Function(x);

    /// <summary>
    /// log(1 + u) for 0 ≤ u ≤ 1, accurate to a few ulps even when 1 + u rounds (Goldberg's method): with w = 1 + u
    /// rounded, log(w)·u/(w − 1) corrects the rounding of w. Plain log(1 + u) would return 0 for u below 1e-16.
    /// </summary>
    internal static double Log1P(double u)
    {
        double w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }
}
