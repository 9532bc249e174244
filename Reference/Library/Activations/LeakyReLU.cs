using System;

namespace ReferenceNN.Activations;

/// <summary>
/// <c>f(x) = x for x &gt; 0, αx otherwise</c>; <c>f′(x) = 1 for x &gt; 0, α otherwise</c> (α at the kink x = 0, the left
/// derivative, as PyTorch's leaky_relu backward gives). Default α = 0.01. Derivation: docs/Activations/LeakyReLU.md.
/// </summary>
public sealed class LeakyReLU : Activation
{
    /// <summary>The default slope α = 0.01.</summary>
    public const double DefaultAlpha = 0.01;

    /// <summary>Creates a leaky ReLU with slope <paramref name="alpha"/> for x ≤ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not a finite number.</exception>
    public LeakyReLU(double alpha = DefaultAlpha)
    {
        if (!double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"LeakyReLU: α must be a finite number, not {alpha}.");
        }
        Alpha = alpha;
    }

    /// <summary>α, the slope for x ≤ 0.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override string Name => "leaky_relu";

    /// <summary>x for x &gt; 0, αx otherwise.</summary>
    public override double Function(double x) => Formulas.LeakyReLU.Function(x, Alpha);

    /// <summary>1 for x &gt; 0, α otherwise (including at x = 0).</summary>
    public override double Derivative(double x) => Formulas.LeakyReLU.Derivative(x, Alpha);
}
