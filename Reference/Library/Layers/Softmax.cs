using System;

namespace ReferenceNN.Layers;

/// <summary>
/// Softmax over all n elements of its input: <c>y_i = exp(x_i − max x) / Σ_l exp(x_l − max x)</c> (subtracting the
/// maximum changes nothing mathematically and keeps exp from overflowing). Its Jacobian is not diagonal:
/// <c>∂y_i/∂x_l = y_i(δ_il − y_l)</c>, so <c>∂E/∂X = Y ⊙ (∂E/∂Y − ⟨∂E/∂Y, Y⟩)</c>. Derivation: docs/Layers/Softmax.md.
/// </summary>
public sealed class Softmax : Layer
{
    private readonly Tensor _y;

    /// <summary>Creates a softmax layer for inputs of <paramref name="shape"/>.</summary>
    public Softmax(Shape shape) : base(shape, shape)
    {
        _y = new Tensor(shape);
    }

    /// <summary>y_i = e^(x_i − max x) / Σ_l e^(x_l − max x) (<see cref="Formulas.Softmax.Forward{T}"/>); Y is also kept in the layer's own copy for Backward.</summary>
    protected override void ForwardCore(Tensor input, Tensor output)
    {
        Formulas.Softmax.Forward<double>(input.Span, _y.Span);
        _y.CopyTo(output);
    }

    /// <inheritdoc/>
    private protected override object? SaveState() => _y.Clone();

    /// <inheritdoc/>
    private protected override void RestoreState(object? state) => ((Tensor)state!).CopyTo(_y);

    /// <summary>∂E/∂x_i = y_i·(∂E/∂y_i − Σ_l ∂E/∂y_l·y_l) (<see cref="Formulas.Softmax.InputError{T}"/>), with the layer's own copy of Y.</summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError) =>
        Formulas.Softmax.InputError<double>(_y.Span, outputError.Span, inputError.Span);
}
