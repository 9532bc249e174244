using System;

namespace ReferenceNN.Losses;

/// <summary>
/// A loss: the scalar E(Y*, Y), the network's error, between the target Y* and the network's output Y, and its derivative
/// outputError = ∂E/∂Y, the first error passed backward. The article's <c>loss</c> and <c>loss_prime</c>.
/// </summary>
public abstract class Loss
{
    /// <summary>The loss's name in messages and case files, e.g. <c>mse</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The loss's value E(Y*, Y), the article's <c>loss(y_true, y_pred)</c>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The target and output shapes differ; the message names both.</exception>
    public double Value(Tensor target, Tensor output)
    {
        Require(nameof(Value), target, output);
        return ValueCore(target.Span, output.Span);
    }

    /// <summary>Writes ∂E/∂Y into <paramref name="outputError"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The three shapes are not all equal; the message names the two that differ.</exception>
    public void Derivative(Tensor target, Tensor output, Tensor outputError)
    {
        Require(nameof(Derivative), target, output);
        ArgumentNullException.ThrowIfNull(outputError);
        if (outputError.Shape != output.Shape)
        {
            throw new ArgumentException(
                $"{GetType().Name}.Derivative: outputError is {outputError.Shape} but output is {output.Shape}.", nameof(outputError));
        }
        DerivativeCore(target.Span, output.Span, outputError.Span);
    }

    /// <summary>∂E/∂Y as a new tensor.</summary>
    /// <inheritdoc cref="Value" path="/exception"/>
    public Tensor Derivative(Tensor target, Tensor output)
    {
        Require(nameof(Derivative), target, output);
        var outputError = new Tensor(output.Shape);
        DerivativeCore(target.Span, output.Span, outputError.Span);
        return outputError;
    }

    /// <summary>E for checked, equally long spans.</summary>
    protected abstract double ValueCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output);

    /// <summary>∂E/∂Y for checked, equally long spans.</summary>
    protected abstract void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private void Require(string operation, Tensor target, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(output);
        if (target.Shape != output.Shape)
        {
            throw new ArgumentException(
                $"{GetType().Name}.{operation}: target is {target.Shape} but output is {output.Shape}.", nameof(target));
        }
    }
}
