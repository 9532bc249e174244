using System;

namespace ReferenceNN.Checking;

/// <summary>
/// Settings of <see cref="GradientChecker"/>. An element passes when
/// <c>|analytic − numeric| ≤ RelativeTolerance·|numeric| + ScaleTolerance·s + floor</c>, with s the largest |numeric|
/// of the derivative's tensor and floor the smallest derivative the difference quotient can see there. The defaults
/// (1e-8, 1e-9) reject, at any scale, a derivative off by a factor, of the wrong sign, 0.1% wrong in one element, or
/// rounded to float32 (docs/Checking/GradientCheckOptions.md derives them; the catalogue of wrong derivatives proves
/// each), and accept this library's correct layers at scale 1e-9 and in the tails of tanh and sigmoid.
/// </summary>
public sealed class GradientCheckOptions
{
    /// <summary>rtol, relative to each element's numeric derivative; default 1e-8.</summary>
    public double RelativeTolerance { get; init; } = 1e-8;

    /// <summary>stol, relative to the scale s of the tensor (its largest |numeric| element); default 1e-9.</summary>
    public double ScaleTolerance { get; init; } = 1e-9;

    /// <summary>How the numeric derivative is estimated, default <see cref="DifferenceMethod.Ridders"/>.</summary>
    public DifferenceMethod Method { get; init; } = DifferenceMethod.Ridders;

    /// <summary>The step scale: h = scale·max(1, |x|), default 1e-3.</summary>
    public double StepScale { get; init; } = NumericalDerivative.DefaultStepScale;

    /// <summary>How many failing elements each derivative lists at most (all are counted), default 10.</summary>
    public int MaxFailuresListed { get; init; } = 10;

    /// <summary>The defaults.</summary>
    public static GradientCheckOptions Default { get; } = new();

    internal void Validate()
    {
        if (!(RelativeTolerance >= 0) || !(ScaleTolerance >= 0) || double.IsInfinity(RelativeTolerance) || double.IsInfinity(ScaleTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance),
                $"GradientCheckOptions: tolerances must be finite and non-negative, not rtol {RelativeTolerance}, stol {ScaleTolerance}.");
        }
        NumericalDerivative.Step(0, StepScale);
        if (MaxFailuresListed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFailuresListed), MaxFailuresListed, "GradientCheckOptions: MaxFailuresListed must not be negative.");
        }
    }
}
