using ReferenceNN.Networks;
using System;
using System.Linq;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Checking;

/// <summary>
/// Boundaries and exact figures of the checks: each test pins a value that a plausible slip in the checker
/// (a &lt; for a ≤, a Min for a Max, a missing argument check) would change.
/// </summary>
public class CheckingEdgeTests
{
    /// <summary>
    /// E(θ) = 2θ at θ = 0: linear, so every difference quotient is exactly 2, and E = 0 there, so the noise floor is 0
    /// and the tolerance is exactly rtol·|numeric| + stol·s; the analytic derivative is what we say.
    /// </summary>
    private static Objective LinearObjective(double analytic)
    {
        Tensor theta = Tensor.Row(0.0);
        return new Objective(() => 2 * theta.Span[0], [new CheckedVariable("line", "error", theta, Tensor.Row(analytic))]);
    }

    [Fact]
    public void Checker_ErrorExactlyAtTheTolerance_Passes()
    {
        Objective line = LinearObjective(0);
        Assert.Equal(2, GradientChecker.NumericDerivative(line, line.Variables[0]).Span[0]);
        var options = new GradientCheckOptions { ScaleTolerance = 0.25, RelativeTolerance = 0 }; // stol·s = 0.25·2
        Assert.True(GradientChecker.Check(LinearObjective(2.5), options).Passed);
        Assert.False(GradientChecker.Check(LinearObjective(2.5000000000000004), options).Passed);
        var relative = new GradientCheckOptions { ScaleTolerance = 0, RelativeTolerance = 0.25 };
        Assert.True(GradientChecker.Check(LinearObjective(1.5), relative).Passed);
    }

    [Fact]
    public void Checker_WorstErrorsAndTheirIndex_AreTheLargestOnes()
    {
        Tensor theta = Tensor.Row(1, 2, 3);
        // E = 2θ₀ + 2θ₁ + 2θ₂: numeric derivatives exactly 2; analytic ones off by 0.5, 1.5, 1.0.
        var objective = new Objective(() => 2 * theta.Span[0] + 2 * theta.Span[1] + 2 * theta.Span[2],
            [new CheckedVariable("v", "error", theta, Tensor.Row(2.5, 3.5, 1))]);
        DerivativeCheck check = GradientChecker.Check(objective).Derivatives[0];
        Assert.Equal(1.5, check.WorstAbsoluteError, 1e-9);
        Assert.Equal(0.75, check.WorstRelativeError, 1e-9);
        Assert.Equal([0, 1], check.WorstIndex);
        Assert.Equal(3, check.FailureCount);
    }

    [Fact]
    public void Checker_WorstRelativeError_SkipsElementsBelowTheAbsoluteTolerance()
    {
        // Element 0 has numeric derivative 0 (E does not depend on it) and a tiny analytic one: its relative error
        // would be infinite, but it is below atol, so the worst relative error is element 1's.
        Tensor theta = Tensor.Row(1, 2);
        var objective = new Objective(() => 2 * theta.Span[1], [new CheckedVariable("v", "error", theta, Tensor.Row(1e-12, 2.5))]);
        DerivativeCheck check = GradientChecker.Check(objective, new GradientCheckOptions { RelativeTolerance = 1 }).Derivatives[0];
        Assert.Equal(0.25, check.WorstRelativeError, 1e-9);
        Assert.Equal([0, 1], check.WorstIndex);
        Assert.True(check.Passed);
    }

    [Fact]
    public void Checker_ListsNoFailuresWhenAskedForNone_ButCountsThem()
    {
        GradientCheckReport report = GradientChecker.Check(LinearObjective(3), new GradientCheckOptions { MaxFailuresListed = 0 });
        Assert.Empty(report.Derivatives[0].Failures);
        Assert.Equal(1, report.Derivatives[0].FailureCount);
    }

    [Fact]
    public void Checker_ValidatesOptionsEvenWithNothingToCheck()
    {
        var empty = new Objective(() => 0, []);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check(empty, new GradientCheckOptions { StepScale = -1 }));
        Assert.Equal(0, GradientChecker.Check(empty).WorstRelativeError);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            GradientChecker.NumericDerivative(LinearObjective(2), LinearObjective(2).Variables[0], new GradientCheckOptions { RelativeTolerance = -1 }));
        Assert.Throws<ArgumentNullException>(() => GradientChecker.NumericDerivative(LinearObjective(2), null!));
        Assert.Throws<ArgumentNullException>(() => GradientChecker.NumericDerivative(null!, LinearObjective(2).Variables[0]));
    }

    [Fact]
    public void Objective_NamesEveryDerivative()
    {
        var layer = new FullyConnected(2, 1, new Rng(1));
        Assert.Equal("inputError", Objective.ForLayer(layer, Tensor.Row(1, 2), MeanSquaredError.Instance, Tensor.Row(0)).Variables[0].DerivativeName);
        var network = new Network();
        network.Add(layer);
        network.Use(MeanSquaredError.Instance);
        Assert.Equal("inputError", Objective.ForNetwork(network, Tensor.Row(1, 2), Tensor.Row(0)).Variables[0].DerivativeName);
        Assert.Equal("upstream", Assert.Throws<ArgumentNullException>(() => Objective.ForLayer(layer, Tensor.Row(1, 2), (Tensor)null!)).ParamName);
    }

    [Fact]
    public void Adjoint_ScaleIsTheLargerCauchySchwarzBound()
    {
        // L: 1 → 2 with W = [[1, 2]], x = [3], ȳ = [1, 1]: L(x) = [3, 6], Lᵀ(ȳ) = [3].
        var layer = new FullyConnected(new Tensor(new Shape(1, 2), [1, 2]), Tensor.Row(0, 0));
        AdjointReport input = AdjointTest.ForInput(layer, Tensor.Row(3), Tensor.Row(1, 1));
        Assert.Equal(Math.Sqrt(2) * Math.Sqrt(45), input.Scale);          // ‖ȳ‖·‖L(x)‖ = √90 > ‖Lᵀȳ‖·‖x‖ = 9
        Assert.Equal(9, input.Forward);
        Assert.Equal(9, input.Adjoint);
        // For W ↦ x·W at W = [[1, 2]]: Lᵀ(ȳ) = xᵀ·ȳ = [[3, 3]], ‖Lᵀȳ‖·‖W‖ = √18·√5 = √90 too; make them differ with ȳ = [1, 0].
        AdjointReport weights = AdjointTest.ForParameter(layer, 0, Tensor.Row(3), Tensor.Row(1, 0));
        Assert.Equal(Math.Max(1 * Math.Sqrt(45), 3 * Math.Sqrt(5)), weights.Scale, 1e-15);
        Assert.Equal(Math.Sqrt(45), weights.Scale, 1e-15);
    }

    [Fact]
    public void Adjoint_ExactlyAtTheTolerance_Passes_AndAFailureSaysFailed()
    {
        Assert.True(new AdjointReport("m", true, 0, AdjointTest.Tolerance, 1).Passed);
        var failing = new AdjointReport("m", true, 0, 1e-6, 1);
        Assert.False(failing.Passed);
        Assert.StartsWith("Adjoint test FAILED for m: ⟨Ȳ, L(X)⟩ = 0, ⟨Lᵀ(Ȳ), X⟩ = 1E-06, relative difference 1.000E-006", failing.ToString());
    }

    [Fact]
    public void Adjoint_NullInput_LeavesTheParameterUntouched()
    {
        var layer = new FullyConnected(2, 2, new Rng(1));
        Tensor weights = layer.Weights.Clone();
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => AdjointTest.ForParameter(layer, 0, null!, Tensor.Row(1, 1))).ParamName);
        Expect.Bitwise(weights, layer.Weights);
    }

    [Fact]
    public void Taylor_TwoEpsilons_AreEnough_AndRatesArePerHalving()
    {
        Tensor theta = Tensor.Row(0.5);
        var objective = new Objective(() => theta.Span[0] * theta.Span[0], [new CheckedVariable("q", "error", theta, Tensor.Row(1.0))]);
        TaylorReport report = TaylorTest.Run(objective, 4, 1.0 / 64, 2);
        // E = θ², ∇E = 2θ = 1 at 0.5: R₁(ε) = ε²δ² = ε² exactly for the unit δ = ±1, so the rate is exactly 2.
        Assert.Equal([1.0 / 64 / 64, 1.0 / 128 / 128], report.FirstOrderRemainders);
        Assert.Equal([2.0], report.FirstOrderRates);
        Assert.Equal(2, report.Rate, 12);
        Assert.True(report.Passed);
        string text = report.ToString();
        Assert.True(text.Contains("\n  ε 1.562E-002  R0 "), text);
        Assert.True(text.Contains("\n  ε 7.812E-003  R0 "), text);
        Assert.Matches(@"\n  ε 7\.812E-003  R0 \S+  R1 6\.104E-005  rates [01]\.\d{3} 2\.000$", text);
        Assert.Equal(3, text.Split('\n').Length);
    }

    [Fact]
    public void Taylor_ZeroRemaindersAtTheSmallestEpsilons_AreBelowTheFloor_AndTheRateIsReadAbove()
    {
        // R₁ is 0 at the smallest ε (E is exactly linear there): those remainders carry no rate (log₂ 0 = −∞) and are
        // left out; the rate is read at the smallest pair above them, where R₁ = ε².
        Tensor theta = Tensor.Row(0.0);
        var objective = new Objective(() =>
        {
            double t = theta.Span[0];
            return Math.Abs(t) < 7e-4 ? t : t + t * t;
        }, [new CheckedVariable("f", "error", theta, Tensor.Row(1.0))]);
        TaylorReport report = TaylorTest.Run(objective, 1);
        Assert.Equal(0, report.FirstOrderRemainders[^1]);
        Assert.Equal(0, report.FirstOrderRemainders[4]);
        Assert.NotEqual(0, report.FirstOrderRemainders[3]);
        Assert.False(report.IsExact);
        Assert.False(report.IsDegenerate);
        Assert.False(report.IsBelowResolution);
        Assert.Equal(2, report.Rate, 6);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Taylor_RedrawnDirections_UseTheNextSeeds()
    {
        Tensor theta = Tensor.Row(0.0);
        var objective = new Objective(() => 1.25e-3 * 1.001 * theta.Span[0] * theta.Span[0] - Math.Pow(Math.Abs(theta.Span[0]), 3),
            [new CheckedVariable("f", "error", theta, Tensor.Row(0.0))]);
        TaylorReport report = TaylorTest.Run(objective, 40);
        Assert.Equal(TaylorTest.MaxDirections, report.Direction);
        Assert.Equal(40 + TaylorTest.MaxDirections - 1, report.Seed);
    }

    [Fact]
    public void Taylor_EqualConsecutiveRemainders_AreDegenerate()
    {
        Tensor theta = Tensor.Row(0.0);
        // R₁ = |E(εδ)| with E = 1e-6 for |θ| > 3e-3 and θ²/10 otherwise: equal remainders at the two largest ε, then
        // strictly decreasing ones, so only the tie makes the direction degenerate.
        var objective = new Objective(() => Math.Abs(theta.Span[0]) > 3e-3 ? 1e-6 : theta.Span[0] * theta.Span[0] / 10,
            [new CheckedVariable("f", "error", theta, Tensor.Row(0.0))]);
        TaylorReport report = TaylorTest.Run(objective, 2);
        Assert.Equal(report.FirstOrderRemainders[0], report.FirstOrderRemainders[1]);
        Assert.True(report.FirstOrderRemainders[2] < report.FirstOrderRemainders[1]);
        Assert.True(report.IsDegenerate);
    }
}
