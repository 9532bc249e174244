using System;

namespace ReferenceNN.Activations;

/// <summary>
/// <c>f(x) = 1/(1 + e⁻ˣ)</c>, <c>f′(x) = f(x)(1 − f(x))</c>. Computed as eˣ/(1 + eˣ) for x &lt; 0 so that e⁻ˣ never
/// overflows. Derivation: docs/Activations/Sigmoid.md.
/// </summary>
public sealed class Sigmoid : Activation
{
    /// <summary>The one instance; the sigmoid has no settings.</summary>
    public static Sigmoid Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <summary>1/(1 + e⁻ˣ) for x ≥ 0, eˣ/(1 + eˣ) for x &lt; 0 (the same value, without overflow).</summary>
    public override double Function(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>f(x)(1 − f(x)).</summary>
    public override double Derivative(double x)
    {
        double f = Function(x);
        return f * (1 - f);
    }

    /// <summary>y(1 − y) with y = f(x) from the forward pass: the same operations on the same y as <see cref="Derivative"/>.</summary>
    public override double DerivativeFromOutput(double x, double y) => y * (1 - y);
}
