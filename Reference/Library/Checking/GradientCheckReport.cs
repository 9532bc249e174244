using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ReferenceNN.Checking;

/// <summary>One element whose analytic derivative is outside the tolerance.</summary>
/// <param name="Index">The element's index, one entry per axis.</param>
/// <param name="Analytic">The derivative the code computed.</param>
/// <param name="Numeric">The finite-difference estimate.</param>
public sealed record ElementMismatch(int[] Index, double Analytic, double Numeric)
{
    /// <summary>|analytic − numeric|.</summary>
    public double AbsoluteError => Math.Abs(Analytic - Numeric);

    /// <summary>|analytic − numeric| / |numeric| (infinite when numeric is 0 and analytic is not).</summary>
    public double RelativeError => GradientChecker.RelativeError(Analytic, Numeric);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Tensor.FormatIndex(Index)}: analytic {Analytic:R}, numeric {Numeric:R}, abs error {AbsoluteError:E3}, rel error {RelativeError:E3}");
}

/// <summary>The check of one derivative (e.g. a layer's weightsError), element by element.</summary>
public sealed class DerivativeCheck
{
    internal DerivativeCheck(string owner, string derivative, Shape shape, int failureCount, IReadOnlyList<ElementMismatch> failures,
        double worstAbsoluteError, double worstRelativeError, int[] worstIndex, double scale, double worstShareOfTolerance)
    {
        Scale = scale;
        WorstShareOfTolerance = worstShareOfTolerance;
        Owner = owner;
        DerivativeName = derivative;
        Shape = shape;
        FailureCount = failureCount;
        Failures = failures;
        WorstAbsoluteError = worstAbsoluteError;
        WorstRelativeError = worstRelativeError;
        WorstIndex = worstIndex;
    }

    /// <summary>The layer, loss or network the derivative belongs to.</summary>
    public string Owner { get; }

    /// <summary>Which derivative: inputError, weightsError, biasError or outputError.</summary>
    public string DerivativeName { get; }

    /// <summary>The derivative's shape.</summary>
    public Shape Shape { get; }

    /// <summary>How many elements are outside the tolerance.</summary>
    public int FailureCount { get; }

    /// <summary>The first failing elements in row-major order (at most <see cref="GradientCheckOptions.MaxFailuresListed"/>).</summary>
    public IReadOnlyList<ElementMismatch> Failures { get; }

    /// <summary>Whether every element is within the tolerance.</summary>
    public bool Passed => FailureCount == 0;

    /// <summary>The largest |analytic − numeric| over all elements.</summary>
    public double WorstAbsoluteError { get; }

    /// <summary>
    /// The largest |analytic − numeric| / |numeric| over the elements whose |numeric| exceeds stol·s (below it a relative
    /// error measures only noise); 0 when there are none.
    /// </summary>
    public double WorstRelativeError { get; }

    /// <summary>s, the derivative's scale: its largest |numeric| element, to which stol is relative.</summary>
    public double Scale { get; }

    /// <summary>
    /// The largest |analytic − numeric| / (rtol·|numeric| + stol·s + floor) over the elements: how much of its tolerance
    /// the worst element uses. At most 1 when the check passes; 0 when every element agrees exactly.
    /// </summary>
    public double WorstShareOfTolerance { get; }

    /// <summary>The index of the element with <see cref="WorstRelativeError"/> (or of the first element).</summary>
    public int[] WorstIndex { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Owner} {DerivativeName} ({Shape}): {(Passed ? "ok" : $"{FailureCount} of {Shape.Size} elements FAIL")}, " +
        $"worst abs error {WorstAbsoluteError:E3}, worst rel error {WorstRelativeError:E3} at {Tensor.FormatIndex(WorstIndex)}, " +
        $"scale {Scale:E3}, {WorstShareOfTolerance:P1} of the tolerance used");
}

/// <summary>
/// The result of <see cref="GradientChecker"/>: one <see cref="DerivativeCheck"/> per derivative, and the seed of the
/// random upstream gradient, if one was drawn, so that a failure can be reproduced.
/// </summary>
public sealed class GradientCheckReport
{
    internal GradientCheckReport(IReadOnlyList<DerivativeCheck> derivatives, GradientCheckOptions options, int? seed)
    {
        Derivatives = derivatives;
        Options = options;
        Seed = seed;
    }

    /// <summary>The checks, input first, then each parameter in layer order.</summary>
    public IReadOnlyList<DerivativeCheck> Derivatives { get; }

    /// <summary>The settings used.</summary>
    public GradientCheckOptions Options { get; }

    /// <summary>The seed of the upstream gradient c when the checker drew it; null when the caller gave c.</summary>
    public int? Seed { get; }

    /// <summary>Whether every element of every derivative is within the tolerance.</summary>
    public bool Passed => Derivatives.All(d => d.Passed);

    /// <summary>The worst relative error over all derivatives (see <see cref="DerivativeCheck.WorstRelativeError"/>).</summary>
    public double WorstRelativeError => Derivatives.Select(d => d.WorstRelativeError).DefaultIfEmpty(0).Max();

    /// <summary>
    /// A summary: PASSED with the worst relative error, or FAILED naming each failing element with its layer,
    /// derivative, index, both values, both errors and the seed that reproduces it.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        string seed = Seed is int s ? string.Create(CultureInfo.InvariantCulture, $"; reproduce with seed {s}") : "";
        text.Append(CultureInfo.InvariantCulture,
            $"Gradient check {(Passed ? "PASSED" : "FAILED")} ({Options.Method}, step {Options.StepScale:R}·max(1,|x|), " +
            $"rtol {Options.RelativeTolerance:R}, stol {Options.ScaleTolerance:R}{seed}); worst rel error {WorstRelativeError:E3}");
        foreach (DerivativeCheck check in Derivatives)
        {
            text.Append('\n').Append("  ").Append(check);
            foreach (ElementMismatch failure in check.Failures)
            {
                text.Append('\n').Append("    ").Append(check.Owner).Append(' ').Append(check.DerivativeName).Append(failure);
            }
        }
        return text.ToString();
    }
}
