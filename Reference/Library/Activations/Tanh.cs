using System;

namespace ReferenceNN.Activations;

/// <summary>
/// <c>f(x) = tanh(x)</c>, <c>f′(x) = 1 − tanh²(x)</c>: the article's activation. Derivation: docs/Activations/Tanh.md.
/// </summary>
public sealed class Tanh : Activation
{
    /// <summary>The one instance; tanh has no settings.</summary>
    public static Tanh Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <summary>tanh(x).</summary>
    public override double Function(double x) => Math.Tanh(x);

    /// <summary>1 − tanh²(x), as the article writes it.</summary>
    public override double Derivative(double x)
    {
        double t = Math.Tanh(x);
        return 1 - t * t;
    }

    /// <summary>1 − y² with y = tanh(x) from the forward pass: the same operations on the same y as <see cref="Derivative"/>.</summary>
    public override double DerivativeFromOutput(double x, double y) => 1 - y * y;
}
