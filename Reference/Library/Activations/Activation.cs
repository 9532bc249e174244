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

    /// <inheritdoc/>
    public override string ToString() => Name;
}
