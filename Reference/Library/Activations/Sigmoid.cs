using System;

namespace ReferenceNN.Activations;

/// <summary>
/// <c>f(x) = 1/(1 + e⁻ˣ)</c>, <c>f′(x) = f(x)(1 − f(x))</c>; the formulas are in <see cref="Formulas.Sigmoid"/>. Derivation: docs/Activations/Sigmoid.md.
/// </summary>
public sealed class Sigmoid : Activation
{
    /// <summary>The one instance; the sigmoid has no settings.</summary>
    public static Sigmoid Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <summary>1/(1 + e⁻ˣ) (<see cref="Formulas.Sigmoid.Function{T}"/>).</summary>
    public override double Function(double x) => Formulas.Sigmoid.Function(x);

    /// <summary>f(x)(1 − f(x)), accurate in the tails (<see cref="Formulas.Sigmoid.Derivative{T}"/>).</summary>
    public override double Derivative(double x) => Formulas.Sigmoid.Derivative(x);
}
