using System;

namespace ReferenceNN.Activations;

/// <summary>
/// <c>f(x) = tanh(x)</c>, <c>f′(x) = 1 − tanh²(x)</c>: the article's activation; the formulas are in <see cref="Formulas.Tanh"/>. Derivation: docs/Activations/Tanh.md.
/// </summary>
public sealed class Tanh : Activation
{
    /// <summary>The one instance; tanh has no settings.</summary>
    public static Tanh Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <summary>tanh(x), correctly rounded (<see cref="Formulas.Tanh.Function{T}"/>).</summary>
    public override double Function(double x) => Formulas.Tanh.Function(x);

    /// <summary>1 − tanh²(x) = sech²(x), accurate in the tails (<see cref="Formulas.Tanh.Derivative{T}"/>).</summary>
    public override double Derivative(double x) => Formulas.Tanh.Derivative(x);
}
