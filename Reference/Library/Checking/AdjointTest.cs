using System;
using System.Globalization;
using ReferenceNN.Layers;

namespace ReferenceNN.Checking;

/// <summary>
/// The adjoint (dot-product) test for a map L that is linear in one variable, which needs no step size:
/// <c>⟨Ȳ, L(X)⟩ = ⟨Lᵀ(Ȳ), X⟩</c>, where Lᵀ(Ȳ) is what <see cref="Layer.Backward"/> computes for outputError = Ȳ.
/// The difference is measured relative to <c>max(‖Ȳ‖·‖L(X)‖, ‖Lᵀ(Ȳ)‖·‖X‖)</c>, which bounds both sides by
/// Cauchy–Schwarz, so the measure stays meaningful when the two inner products cancel to near zero.
/// Docs: docs/Checking/AdjointTest.md.
/// </summary>
public static class AdjointTest
{
    /// <summary>The relative difference below which the identity holds to rounding.</summary>
    public const double Tolerance = 1e-13;

    /// <summary>
    /// The test for X ↦ Layer(X). The layer must be linear in X (e.g. a fully connected layer with zero bias):
    /// Layer(0) must be exactly 0, or the report says the map is not linear.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the layer.</exception>
    public static AdjointReport ForInput(Layer layer, Tensor input, Tensor upstream)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(upstream);
        using var restore = new LayerSnapshots([layer]);
        bool linear = IsZero(layer.Forward(new Tensor(layer.InputShape)));
        Tensor x = input.Clone();
        Tensor lx = layer.Forward(x).Clone();
        Tensor ltY = layer.Backward(upstream).Clone();
        return new AdjointReport($"{layer.Name} input", linear, Objective.Dot(upstream, lx), Objective.Dot(ltY, x),
            Math.Max(Norm(upstream) * Norm(lx), Norm(ltY) * Norm(x)));
    }

    /// <summary>
    /// The test for θ ↦ Layer(X; θ), θ being the layer's parameter <paramref name="parameterIndex"/> (e.g. W).
    /// The layer must be linear in θ: with θ = 0 the output must be exactly 0 (e.g. zero bias when θ is W).
    /// The parameter is restored bit for bit.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The layer has no such parameter.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the layer.</exception>
    public static AdjointReport ForParameter(Layer layer, int parameterIndex, Tensor input, Tensor upstream)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(upstream);
        if ((uint)parameterIndex >= (uint)layer.Parameters.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(parameterIndex), parameterIndex,
                $"AdjointTest.ForParameter: {layer.Name} has {layer.Parameters.Count} parameters.");
        }
        using var restore = new LayerSnapshots([layer]);
        Parameter parameter = layer.Parameters[parameterIndex];
        Tensor theta = parameter.Value.Clone();
        parameter.Value.Span.Clear();
        bool linear = IsZero(layer.Forward(input));
        theta.CopyTo(parameter.Value);
        Tensor lTheta = layer.Forward(input).Clone();
        layer.Backward(upstream);
        Tensor ltY = parameter.Error.Clone();
        return new AdjointReport($"{layer.Name} {parameter.Name}", linear, Objective.Dot(upstream, lTheta), Objective.Dot(ltY, theta),
            Math.Max(Norm(upstream) * Norm(lTheta), Norm(ltY) * Norm(theta)));
    }

    private static bool IsZero(Tensor tensor)
    {
        foreach (double value in tensor.Span) if (value != 0) return false;
        return true;
    }

    private static double Norm(Tensor tensor) => Math.Sqrt(Objective.Dot(tensor, tensor));
}

/// <summary>The two sides of an <see cref="AdjointTest"/> and their relative difference.</summary>
/// <param name="Map">Which map was tested, e.g. <c>FullyConnected weights</c>.</param>
/// <param name="IsLinear">Whether L(0) = 0 held exactly; when not, the identity does not apply and the test fails.</param>
/// <param name="Forward">⟨Ȳ, L(X)⟩.</param>
/// <param name="Adjoint">⟨Lᵀ(Ȳ), X⟩.</param>
/// <param name="Scale">max(‖Ȳ‖·‖L(X)‖, ‖Lᵀ(Ȳ)‖·‖X‖).</param>
public sealed record AdjointReport(string Map, bool IsLinear, double Forward, double Adjoint, double Scale)
{
    /// <summary>|⟨Ȳ, L(X)⟩ − ⟨Lᵀ(Ȳ), X⟩| / <see cref="Scale"/> (0 when both sides are 0).</summary>
    public double RelativeDifference => Forward == Adjoint ? 0 : Math.Abs(Forward - Adjoint) / Scale;

    /// <summary>Whether the map is linear and the difference is at most <see cref="AdjointTest.Tolerance"/>.</summary>
    public bool Passed => IsLinear && RelativeDifference <= AdjointTest.Tolerance;

    /// <inheritdoc/>
    public override string ToString() => IsLinear
        ? string.Create(CultureInfo.InvariantCulture,
            $"Adjoint test {(Passed ? "PASSED" : "FAILED")} for {Map}: ⟨Ȳ, L(X)⟩ = {Forward:R}, ⟨Lᵀ(Ȳ), X⟩ = {Adjoint:R}, relative difference {RelativeDifference:E3} (tolerance {AdjointTest.Tolerance:E0})")
        : $"Adjoint test FAILED for {Map}: the map is not linear (L(0) ≠ 0); set the other parameters, such as the bias, to zero.";
}
