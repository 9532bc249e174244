using System;

namespace ReferenceNN.Layers;

/// <summary>
/// Reshapes h×w×d (or any shape) to a row 1×(h·w·d) in row-major order of (h, w, d), and back in Backward:
/// Y = reshape(X), ∂E/∂X = reshape⁻¹(∂E/∂Y). Derivation: docs/Layers/Flatten.md.
/// </summary>
public sealed class Flatten : Layer
{
    /// <summary>Creates a layer that flattens inputs of <paramref name="inputShape"/>.</summary>
    public Flatten(Shape inputShape) : base(inputShape, new Shape(1, inputShape.Size)) { }

    /// <summary>y[0, (a·w + b)·d + c] = x[a, b, c]: the row-major order is kept, so this is a copy.</summary>
    protected override void ForwardCore(Tensor input, Tensor output) => Formulas.Flatten.Forward<double>(input.Span, output.Span);

    /// <summary>∂E/∂x[a, b, c] = ∂E/∂y[0, (a·w + b)·d + c]: the inverse reshape, again a copy.</summary>
    protected override void BackwardCore(Tensor outputError, Tensor inputError) => Formulas.Flatten.InputError<double>(outputError.Span, inputError.Span);
}
