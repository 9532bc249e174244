using System;

namespace ReferenceNN.Activations;

/// <summary>
/// <c>f(x) = max(0, x)</c>, <c>f′(x) = 1 for x &gt; 0, 0 for x &lt; 0</c>. At the kink x = 0, where f has no derivative,
/// f′(0) = 0 (the left derivative, as in PyTorch and TensorFlow). Derivation: docs/Activations/ReLU.md.
/// </summary>
public sealed class ReLU : Activation
{
    /// <summary>The one instance; ReLU has no settings.</summary>
    public static ReLU Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "relu";

    /// <summary>max(0, x).</summary>
    public override double Function(double x) => Formulas.ReLU.Function(x);

    /// <summary>1 for x &gt; 0; 0 otherwise, including at the kink x = 0.</summary>
    public override double Derivative(double x) => Formulas.ReLU.Derivative(x);
}
