using System;

namespace ReferenceNN.Losses;

/// <summary>
/// <c>E = −(1/n) Σ_i [y*_i log y_i + (1 − y*_i) log(1 − y_i)]</c> and
/// <c>∂E/∂y_i = (1/n)(−y*_i/y_i + (1 − y*_i)/(1 − y_i))</c>, for outputs in [0, 1] (e.g. after a sigmoid).
/// A term whose weight (y*_i or 1 − y*_i) is 0 is left out, the limit 0·log 0 = 0; so at y_i = 0 or 1 the loss is
/// finite where the target agrees and +∞ (with an infinite derivative) where it does not. Nothing is clipped.
/// Derivation: docs/Losses/BinaryCrossEntropy.md.
/// </summary>
public sealed class BinaryCrossEntropy : Loss
{
    /// <summary>The one instance; binary cross-entropy has no settings.</summary>
    public static BinaryCrossEntropy Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "binary_cross_entropy";

    /// <summary>E = −(1/n) Σ_i [y*_i log y_i + (1 − y*_i) log(1 − y_i)], leaving out terms of weight 0 (<see cref="Formulas.BinaryCrossEntropy.Value{T}"/>).</summary>
    protected override double ValueCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output) =>
        Formulas.BinaryCrossEntropy.Value(target, output);

    /// <summary>∂E/∂y_i = (−y*_i/y_i + (1 − y*_i)/(1 − y_i)) / n, leaving out terms of weight 0 (<see cref="Formulas.BinaryCrossEntropy.Derivative{T}"/>).</summary>
    protected override void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError) =>
        Formulas.BinaryCrossEntropy.Derivative(target, output, outputError);
}
