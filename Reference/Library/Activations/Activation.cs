namespace ReferenceNN.Activations;

/// <summary>
/// An element-wise activation f with its derivative f′, as the article passes <c>activation</c> and
/// <c>activation_prime</c> to its ActivationLayer.
/// </summary>
public abstract class Activation
{
    /// <summary>The activation's name in messages and case files, e.g. <c>tanh</c>.</summary>
    public abstract string Name { get; }

    /// <summary>f(x).</summary>
    public abstract double Function(double x);

    /// <summary>f′(x) = df/dx.</summary>
    public abstract double Derivative(double x);

    /// <summary>
    /// f′(x) when y = f(x) is already known, as it is in a layer's backward pass. An activation whose derivative is a
    /// function of its value (tanh: 1 − y², sigmoid: y(1 − y)) overrides this to save computing f again; the result
    /// must be bit-identical to <see cref="Derivative"/>(x), which is what the default returns.
    /// </summary>
    public virtual double DerivativeFromOutput(double x, double y) => Derivative(x);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
