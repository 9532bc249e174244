using System;

namespace ReferenceNN.Checking;

/// <summary>
/// Settings of <see cref="GradientChecker"/>. An element passes when
/// <c>|analytic − numeric| ≤ AbsoluteTolerance + RelativeTolerance·|numeric|</c>. The defaults (1e-7, 1e-9) are
/// strict double-precision limits, far tighter than PyTorch gradcheck's 1e-3 / 1e-5.
/// </summary>
public sealed class GradientCheckOptions
{
    /// <summary>rtol, default 1e-7.</summary>
    public double RelativeTolerance { get; init; } = 1e-7;

    /// <summary>atol, default 1e-9.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>How the numeric derivative is estimated, default <see cref="DifferenceMethod.Richardson"/>.</summary>
    public DifferenceMethod Method { get; init; } = DifferenceMethod.Richardson;

    /// <summary>The step scale: h = scale·max(1, |x|), default 1e-3.</summary>
    public double StepScale { get; init; } = NumericalDerivative.DefaultStepScale;

    /// <summary>How many failing elements each derivative lists at most (all are counted), default 10.</summary>
    public int MaxFailuresListed { get; init; } = 10;

    /// <summary>The defaults.</summary>
    public static GradientCheckOptions Default { get; } = new();

    internal void Validate()
    {
        if (!(RelativeTolerance >= 0) || !(AbsoluteTolerance >= 0) || double.IsInfinity(RelativeTolerance) || double.IsInfinity(AbsoluteTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance),
                $"GradientCheckOptions: tolerances must be finite and non-negative, not rtol {RelativeTolerance}, atol {AbsoluteTolerance}.");
        }
        NumericalDerivative.Step(0, StepScale);
        if (MaxFailuresListed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFailuresListed), MaxFailuresListed, "GradientCheckOptions: MaxFailuresListed must not be negative.");
        }
    }
}
