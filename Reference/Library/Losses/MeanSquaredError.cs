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

    /// <summary>E = (1/n) Σ_i (y*_i − y_i)².</summary>
    protected override double ErrorCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output)
    {
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double difference = target[i] - output[i];
            sum += difference * difference;
        }
        return sum / output.Length;
    }

    /// <summary>∂E/∂y_i = 2(y_i − y*_i)/n, as the article writes it.</summary>
    protected override void DerivativeCore(ReadOnlySpan<double> target, ReadOnlySpan<double> output, Span<double> outputError)
    {
        int n = output.Length;
        for (int i = 0; i < n; i++)
        {
            outputError[i] = 2 * (output[i] - target[i]) / n;
        }
    }
}
