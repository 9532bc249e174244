using System;
using ReferenceNN.Activations;

namespace ReferenceNN.Layers;

/// <summary>
/// The article's ActivationLayer: <c>Y = f(X)</c> element-wise, and <c>∂E/∂X = ∂E/∂Y ⊙ f′(X)</c>
/// (element-wise product). No parameters; input and output have the same shape.
/// Derivation: docs/Layers/ActivationLayer.md.
/// </summary>
public sealed class ActivationLayer : Layer
{
    /// <summary>Creates an activation layer for inputs of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="activation"/> is null.</exception>
    public ActivationLayer(Shape shape, Activation activation)
        : base(shape, shape)
    {
        ArgumentNullException.ThrowIfNull(activation);
        Activation = activation;
    }

    /// <summary>f and f′.</summary>
    public Activation Activation { get; }

    /// <inheritdoc/>
    public override string Name => $"ActivationLayer({Activation.Name})";

    /// <summary>y_n = f(x_n).</summary>
    protected override void ForwardCore(Tensor input, Tensor output)
    {
        ReadOnlySpan<double> x = input.Span;
        Span<double> y = output.Span;
        for (int n = 0; n < x.Length; n++)
        {
            y[n] = Activation.Function(x[n]);
        }
    }

    /// <summary>∂E/∂x_n = f′(x_n)·∂E/∂y_n, with f′ taken at the layer's own copy of X.</summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        ReadOnlySpan<double> x = Input.Span, dy = outputError.Span;
        Span<double> dx = inputError.Span;
        for (int n = 0; n < x.Length; n++)
        {
            dx[n] = Activation.Derivative(x[n]) * dy[n];
        }
    }

    /// <summary>
    /// For tanh and the sigmoid, <see cref="FastKernels.ActivationKernels"/> (vectorised, bit for bit the literal formulas);
    /// for any other activation, the base behaviour (<see cref="ForwardCore"/>).
    /// </summary>
    private protected override void FastForwardCore(Tensor input, Tensor output)
    {
        switch (Activation)
        {
            case Tanh:
                FastKernels.ActivationKernels.TanhForward(input.Span, output.Span);
                break;
            case Sigmoid:
                FastKernels.ActivationKernels.SigmoidForward(input.Span, output.Span);
                break;
            default:
                base.FastForwardCore(input, output);
                break;
        }
    }

    /// <summary>
    /// For tanh and the sigmoid, <see cref="FastKernels.ActivationKernels"/> (vectorised, bit for bit the literal formulas);
    /// for any other activation, the base behaviour (<see cref="BackwardCore"/>). There are no parameters to step.
    /// </summary>
    private protected override void FastBackwardPropagationCore(Tensor outputError, Tensor inputError, double learningRate, bool inputErrorNeeded)
    {
        switch (Activation)
        {
            case Tanh:
                FastKernels.ActivationKernels.TanhBackward(Input.Span, outputError.Span, inputError.Span);
                break;
            case Sigmoid:
                FastKernels.ActivationKernels.SigmoidBackward(Input.Span, outputError.Span, inputError.Span);
                break;
            default:
                base.FastBackwardPropagationCore(outputError, inputError, learningRate, inputErrorNeeded);
                break;
        }
    }
}
