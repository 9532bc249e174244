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

    /// <summary>E = −(1/n) Σ_i [y*_i log y_i + (1 − y*_i) log(1 − y_i)], leaving out terms of weight 0.</summary>
    protected override double ErrorCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output)
    {
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
        {
            if (target[i] != 0) sum += target[i] * Math.Log(output[i]);
            if (target[i] != 1) sum += (1 - target[i]) * Math.Log(1 - output[i]);
        }
        return -sum / output.Length;
    }

    /// <summary>∂E/∂y_i = (−y*_i/y_i + (1 − y*_i)/(1 − y_i)) / n, leaving out terms of weight 0.</summary>
    protected override void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError)
    {
        int n = output.Length;
        for (int i = 0; i < n; i++)
        {
            double derivative = 0;
            if (target[i] != 0) derivative -= target[i] / output[i];
            if (target[i] != 1) derivative += (1 - target[i]) / (1 - output[i]);
            outputError[i] = derivative / n;
        }
    }
}
