using System;

namespace ReferenceNN.Activations;

/// <summary>
/// <c>f(x) = log(1 + eˣ)</c>, <c>f′(x) = 1/(1 + e⁻ˣ)</c> (the sigmoid); the formulas are in <see cref="Formulas.Softplus"/>. Derivation: docs/Activations/Softplus.md.
/// </summary>
public sealed class Softplus : Activation
{
    /// <summary>The one instance; softplus has no settings.</summary>
    public static Softplus Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "softplus";

    /// <summary>log(1 + eˣ) (<see cref="Formulas.Softplus.Function{T}"/>).</summary>
    public override double Function(double x) => Formulas.Softplus.Function(x);

    /// <summary>The sigmoid 1/(1 + e⁻ˣ) (<see cref="Formulas.Softplus.Derivative{T}"/>).</summary>
    public override double Derivative(double x) => Formulas.Softplus.Derivative(x);
}
