using System;

namespace ReferenceNN.Layers;

/// <summary>
/// One trainable tensor of a layer (its weights or its bias), together with ∂E/∂(that tensor) from the
/// last <see cref="Layer.Backward"/>. <see cref="Value"/> and <see cref="Error"/> always have the same shape.
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter with a zero error of the value's shape.</summary>
    public Parameter(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Error = new Tensor(value.Shape);
    }

    /// <summary>The parameter's name in the library's vocabulary: <c>weights</c> or <c>bias</c>.</summary>
    public string Name { get; }

    /// <summary>The parameter itself (W or B). Changing its elements changes the layer.</summary>
    public Tensor Value { get; }

    /// <summary>∂E/∂(parameter) from the last <see cref="Layer.Backward"/> (<c>weightsError</c> or <c>biasError</c>).</summary>
    public Tensor Error { get; }

    /// <summary>
    /// The gradient-descent step θ ← θ − α·∂E/∂θ, element by element (<see cref="Formulas.GradientDescent.Step{T}"/>).
    /// </summary>
    public void Step(double learningRate) => Formulas.GradientDescent.Step<double>(Value.Span, Error.Span, learningRate);
}
