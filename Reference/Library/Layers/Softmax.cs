using System;

namespace ReferenceNN.Layers;

/// <summary>
/// Softmax over all n elements of its input: <c>y_i = exp(x_i − max x) / Σ_l exp(x_l − max x)</c> (subtracting the
/// maximum changes nothing mathematically and keeps exp from overflowing). Its Jacobian is not diagonal:
/// <c>∂y_i/∂x_l = y_i(δ_il − y_l)</c>, so <c>∂E/∂X = Y ⊙ (∂E/∂Y − ⟨∂E/∂Y, Y⟩)</c>. Derivation: docs/Layers/Softmax.md.
/// </summary>
public sealed class Softmax : Layer
{
    /// <summary>Creates a softmax layer for inputs of <paramref name="shape"/>.</summary>
    public Softmax(Shape shape) : base(shape, shape) { }

    /// <summary>y_i = exp(x_i − max x) / Σ_l exp(x_l − max x).</summary>
    protected override void ForwardCore(Tensor input, Tensor output)
    {
        ReadOnlySpan<double> x = input.Span;
        Span<double> y = output.Span;
        double max = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++) max = Math.Max(max, x[i]);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Exp(x[i] - max);
            sum += y[i];
        }
        for (int i = 0; i < y.Length; i++) y[i] /= sum;
    }

    /// <summary>∂E/∂x_i = y_i·(∂E/∂y_i − Σ_l ∂E/∂y_l·y_l).</summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        ReadOnlySpan<double> y = Output.Span, dy = outputError.Span;
        Span<double> dx = inputError.Span;
        double dot = 0;
        for (int l = 0; l < y.Length; l++) dot += dy[l] * y[l];
        for (int i = 0; i < y.Length; i++)
        {
            dx[i] = y[i] * (dy[i] - dot);
        }
    }
}
