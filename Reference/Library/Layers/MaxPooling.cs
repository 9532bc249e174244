using System;

namespace ReferenceNN.Layers;

/// <summary>
/// Max pooling over p×q windows with stride (s, t), per channel. Input i×j×d; output
/// (⌊(i − p)/s⌋ + 1)×(⌊(j − q)/t⌋ + 1)×d, each element the maximum of its window. Backward routes each output's error
/// to the position of its window's maximum (summing where windows overlap); a tie goes to the first maximum in
/// row-major order within the window, as in PyTorch. Derivation: docs/Layers/MaxPooling.md.
/// </summary>
public sealed class MaxPooling : Layer
{
    private readonly int[] _argmax;

    /// <summary>Creates a layer for <paramref name="inputShape"/> (i×j×d) with p×q windows and stride (s, t); the stride defaults to the window.</summary>
    /// <exception cref="ArgumentException">The input is not i×j×d, or the window is larger than the input; the message names both.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A window size or stride is below 1.</exception>
    public MaxPooling(Shape inputShape, int poolHeight, int poolWidth, int? strideHeight = null, int? strideWidth = null)
        : base(inputShape, OutputShapeOf(inputShape, poolHeight, poolWidth, strideHeight ?? poolHeight, strideWidth ?? poolWidth))
    {
        PoolHeight = poolHeight;
        PoolWidth = poolWidth;
        StrideHeight = strideHeight ?? poolHeight;
        StrideWidth = strideWidth ?? poolWidth;
        _argmax = new int[OutputShape.Size];
    }

    /// <summary>p, the window's height.</summary>
    public int PoolHeight { get; }

    /// <summary>q, the window's width.</summary>
    public int PoolWidth { get; }

    /// <summary>s, the vertical stride.</summary>
    public int StrideHeight { get; }

    /// <summary>t, the horizontal stride.</summary>
    public int StrideWidth { get; }

    /// <summary>
    /// y[r,c,d] = max over a &lt; p, b &lt; q of x[r·s + a, c·t + b, d]; the position of each maximum is remembered
    /// (<see cref="Formulas.MaxPooling.Forward{T}"/>: a tie goes to the first maximum, a NaN in the window wins).
    /// </summary>
    protected override void ForwardCore(Tensor input, Tensor output) =>
        Formulas.MaxPooling.Forward<double>(input.Span, InputShape, PoolHeight, PoolWidth, StrideHeight, StrideWidth, output.Span, _argmax);

    /// <summary>∂E/∂x[n] = Σ of ∂E/∂y[o] over the outputs o whose window's maximum is at n; 0 elsewhere (<see cref="Formulas.MaxPooling.InputError{T}"/>).</summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError) =>
        Formulas.MaxPooling.InputError<double>(outputError.Span, _argmax, inputError.Span);

    /// <inheritdoc/>
    private protected override object? SaveState() => _argmax.Clone();

    /// <inheritdoc/>
    private protected override void RestoreState(object? state) => ((int[])state!).CopyTo(_argmax, 0);

    private static Shape OutputShapeOf(Shape inputShape, int poolHeight, int poolWidth, int strideHeight, int strideWidth) =>
        Formulas.MaxPooling.OutputShape("MaxPooling", inputShape, poolHeight, poolWidth, strideHeight, strideWidth);
}
