using System;

namespace ReferenceNN.Losses;

/// <summary>
/// The article's loss: <c>E = (1/n) Σ_i (y*_i − y_i)²</c> and <c>∂E/∂Y = (2/n)(Y − Y*)</c> over the n output values.
/// Derivation: docs/Losses/MeanSquaredError.md.
/// </summary>
public sealed class MeanSquaredError : Loss
{
    /// <summary>The one instance; MSE has no settings.</summary>
    public static MeanSquaredError Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "mse";

    /// <summary>E = (1/n) Σ_i (y*_i − y_i)² (<see cref="Formulas.MeanSquaredError.Value{T}"/>).</summary>
    protected override double ValueCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output) =>
        Formulas.MeanSquaredError.Value(target, output);

    /// <summary>∂E/∂y_i = 2(y_i − y*_i)/n, as the article writes it (<see cref="Formulas.MeanSquaredError.Derivative{T}"/>).</summary>
    protected override void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError) =>
        Formulas.MeanSquaredError.Derivative(target, output, outputError);
}
