using System;

namespace ReferenceNN.Layers;

/// <summary>
/// Inverted dropout with rate p. Training: <c>Y = X ⊙ M / (1 − p)</c> with a mask M of independent Bernoulli(1 − p)
/// draws (1 keeps an element, 0 drops it); <c>∂E/∂X = ∂E/∂Y ⊙ M / (1 − p)</c>. Inference: Y = X and ∂E/∂X = ∂E/∂Y.
/// The mask is drawn from the caller's <see cref="RandomSource"/> at each training Forward, unless one was fixed with
/// <see cref="SetMask"/>, which makes the layer deterministic and checkable. Derivation: docs/Layers/Dropout.md.
/// </summary>
public sealed class Dropout : Layer
{
    private readonly RandomSource? _random;
    private readonly Tensor _mask;
    private bool _maskIsFixed;
    private bool _trainedLastForward;

    /// <summary>Creates a dropout layer for inputs of <paramref name="shape"/> that draws its masks from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public Dropout(Shape shape, double rate, RandomSource random) : this(shape, rate)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>Creates a dropout layer whose training mask is fixed to <paramref name="mask"/> (ones and zeros).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    /// <exception cref="ArgumentException">The mask is not shaped <paramref name="shape"/>, or holds a value other than 0 or 1.</exception>
    public Dropout(Shape shape, double rate, Tensor mask) : this(shape, rate)
    {
        SetMask(mask);
    }

    private Dropout(Shape shape, double rate) : base(shape, shape)
    {
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Dropout: the rate must be in [0, 1), not {rate}.");
        }
        Rate = rate;
        _mask = new Tensor(shape);
        _mask.Span.Fill(1);
    }

    /// <summary>p, the probability of dropping an element in training.</summary>
    public double Rate { get; }

    /// <summary>
    /// A copy of M: the mask of the last training Forward, or the fixed mask. 1 keeps an element, 0 drops it. A copy, so
    /// that the mask changes only through <see cref="SetMask"/>, which checks it.
    /// </summary>
    public Tensor Mask => _mask.Clone();

    /// <summary>Whether training forwards use a fixed mask instead of drawing one.</summary>
    public bool IsMaskFixed => _maskIsFixed;

    /// <summary>Fixes the mask used by every training Forward until <see cref="ReleaseMask"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="ArgumentException">The mask has the wrong shape, or holds a value other than 0 or 1.</exception>
    public void SetMask(Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        Tensor.RequireShape("Dropout.SetMask", nameof(mask), mask, InputShape);
        ReadOnlySpan<double> m = mask.Span;
        for (int n = 0; n < m.Length; n++)
        {
            if (m[n] != 0 && m[n] != 1)
            {
                throw new ArgumentException(
                    $"Dropout.SetMask: mask{Tensor.FormatIndex(mask.IndexOf(n))} is {m[n]} but a mask holds only 0 and 1.", nameof(mask));
            }
        }
        mask.CopyTo(_mask);
        _maskIsFixed = true;
    }

    /// <summary>Goes back to drawing a new mask at each training Forward.</summary>
    /// <exception cref="InvalidOperationException">The layer was created without a <see cref="RandomSource"/> to draw from.</exception>
    public void ReleaseMask()
    {
        if (_random is null) throw new InvalidOperationException("Dropout.ReleaseMask: this layer has no RandomSource to draw masks from.");
        _maskIsFixed = false;
    }

    /// <summary>
    /// Training: draws m_n = 1 with probability 1 − p (unless the mask is fixed), then y_n = x_n·m_n / (1 − p).
    /// Inference: y_n = x_n.
    /// </summary>
    protected override void ForwardCore(Tensor input, Tensor output)
    {
        _trainedLastForward = IsTraining;
        ReadOnlySpan<double> x = input.Span;
        Span<double> y = output.Span;
        if (!IsTraining)
        {
            x.CopyTo(y);
            return;
        }
        Span<double> m = _mask.Span;
        if (!_maskIsFixed)
        {
            for (int n = 0; n < m.Length; n++) m[n] = _random!.NextDouble() >= Rate ? 1 : 0;
        }
        Formulas.Dropout.Forward<double>(x, m, Rate, y);
    }

    /// <summary>Training: ∂E/∂x_n = ∂E/∂y_n·m_n / (1 − p). Inference: ∂E/∂x_n = ∂E/∂y_n. The mode is that of the last Forward.</summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        ReadOnlySpan<double> dy = outputError.Span;
        Span<double> dx = inputError.Span;
        if (!_trainedLastForward)
        {
            dy.CopyTo(dx);
            return;
        }
        Formulas.Dropout.InputError<double>(dy, _mask.Span, Rate, dx);
    }

    /// <inheritdoc/>
    private protected override object? SaveState() => (_mask.Clone(), _trainedLastForward);

    /// <inheritdoc/>
    private protected override void RestoreState(object? state)
    {
        (Tensor mask, bool trained) = ((Tensor, bool))state!;
        mask.CopyTo(_mask);
        _trainedLastForward = trained;
    }
}
