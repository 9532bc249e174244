using System;

namespace ReferenceNN.Losses;

/// <summary>
/// <c>E = −Σ_i y*_i log y_i</c> and <c>∂E/∂y_i = −y*_i / y_i</c>, for a probability output such as a softmax's.
/// A term with y*_i = 0 is left out (0·log 0 = 0), so y_i = 0 is harmless where the target is 0 and gives +∞ (with an
/// infinite derivative) where it is not. Nothing is clipped. Followed by a softmax layer, the two
/// derivatives compose to ∂E/∂X = Y − Y* when Σ y* = 1. Derivation: docs/Losses/CrossEntropy.md.
/// </summary>
public sealed class CrossEntropy : Loss
{
    /// <summary>The one instance; cross-entropy has no settings.</summary>
    public static CrossEntropy Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "cross_entropy";

    /// <summary>E = −Σ_i y*_i log y_i, leaving out terms with y*_i = 0 (<see cref="Formulas.CrossEntropy.Value{T}"/>).</summary>
    protected override double ValueCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output) =>
        Formulas.CrossEntropy.Value(target, output);

    /// <summary>∂E/∂y_i = −y*_i / y_i, and 0 where y*_i = 0 (<see cref="Formulas.CrossEntropy.Derivative{T}"/>).</summary>
    protected override void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError) =>
        Formulas.CrossEntropy.Derivative(target, output, outputError);
}
