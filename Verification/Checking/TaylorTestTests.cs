using System;
using System.Collections.Generic;
using ReferenceNN.Checking;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Checking;

public class TaylorTestTests
{
    /// <summary>E(θ) = Σ θ_n³/3 with gradient θ², or a wrong one.</summary>
    private static Objective Cubic(Func<double, double> gradient)
    {
        Tensor theta = Tensor.Row(0.4, -0.8, 1.1);
        var analytic = new Tensor(theta.Shape);
        for (int n = 0; n < 3; n++) analytic.Span[n] = gradient(theta.Span[n]);
        return new Objective(() =>
        {
            double sum = 0;
            foreach (double t in theta.Span) sum += t * t * t / 3;
            return sum;
        }, [new CheckedVariable("cubic", "error", theta, analytic)]);
    }

    [Fact]
    public void RightGradient_RateTwo_WithoutGradientRateOne()
    {
        TaylorReport report = TaylorTest.Run(Cubic(t => t * t), 3);
        Assert.True(report.Passed, report.ToString());
        Assert.InRange(report.Rate, 1.95, 2.05);
        Assert.InRange(report.ZerothOrderRate, 0.95, 1.05);
        Assert.Equal(TaylorTest.DefaultCount, report.Epsilons.Count);
        Assert.Equal(1e-2, report.Epsilons[0]);
        Assert.Equal(1e-2 / 2048, report.Epsilons[11]);
        Assert.Equal(11, report.FirstOrderRates.Count);
        Assert.Equal(11, report.ZerothOrderRates.Count);
        Assert.Equal(1, report.Direction);
        Assert.Contains("Taylor test PASSED (seed 3, direction 1): asymptotic rate 2.0", report.ToString());
    }

    [Fact]
    public void WrongGradient_RateOne()
    {
        TaylorReport report = TaylorTest.Run(Cubic(t => 2 * t * t), 3);
        Assert.False(report.Passed, report.ToString());
        Assert.InRange(report.Rate, 0.9, 1.1);
        Assert.StartsWith("Taylor test FAILED", report.ToString());
        // 1% wrong: the second-order term still shows at the largest ε, but the rate is far from 2.
        TaylorReport slightly = TaylorTest.Run(Cubic(t => 1.01 * t * t), 3);
        Assert.False(slightly.Passed, slightly.ToString());
        Assert.True(slightly.Rate < 1.5, slightly.ToString());
    }

    [Fact]
    public void Run_RestoresTheVariablesBitwise_AndCallsTheProbeAtEachEpsilon()
    {
        Objective objective = Cubic(t => t * t);
        Tensor before = objective.Variables[0].Values.Clone();
        var seen = new List<double>();
        TaylorTest.Run(objective, 1, 1e-2, 5, epsilon =>
        {
            seen.Add(epsilon);
            Assert.False(before.BitwiseEquals(objective.Variables[0].Values));
        });
        Expect.Bitwise(before, objective.Variables[0].Values);
        Assert.Equal([1e-2, 5e-3, 2.5e-3, 1.25e-3, 6.25e-4], seen);
    }

    [Fact]
    public void ConstantObjective_IsExactAndPasses()
    {
        Tensor theta = Tensor.Row(1, 2);
        var report = TaylorTest.Run(new Objective(() => 7, [new CheckedVariable("c", "error", theta, new Tensor(theta.Shape))]), 1);
        Assert.True(report.IsExact);
        Assert.True(report.Passed);
        Assert.False(report.IsDegenerate);
        Assert.Contains("R1 is exactly 0 at every ε", report.ToString());
    }

    [Fact]
    public void ConstantObjective_WithANonZeroGradient_Fails()
    {
        Tensor theta = Tensor.Row(1, 2);
        var report = TaylorTest.Run(new Objective(() => 7, [new CheckedVariable("c", "error", theta, Tensor.Row(0.5, 0))]), 1);
        Assert.False(report.Passed);
        Assert.InRange(report.Rate, 0.99, 1.01);
    }

    [Fact]
    public void DegenerateDirection_IsRecognisedAndRedrawn()
    {
        // E(θ) = a·θ² − |θ|³ at θ = 0, whose gradient is 0: R₁(ε) = ε²·|a − ε| for a unit δ = ±1. With a just above
        // the fourth ε (1.25e-3), R₁ nearly vanishes there and grows again at the next ε: no rate can be read, and the
        // direction is degenerate.
        Tensor theta = Tensor.Row(0.0);
        var objective = new Objective(() => 1.25e-3 * 1.001 * theta.Span[0] * theta.Span[0] - Math.Pow(Math.Abs(theta.Span[0]), 3),
            [new CheckedVariable("f", "error", theta, Tensor.Row(0.0))]);
        TaylorReport report = TaylorTest.Run(objective, 1);
        // A single variable has a unit direction of ±1, the same every time: every direction is degenerate here.
        Assert.True(report.IsDegenerate);
        Assert.Equal(TaylorTest.MaxDirections, report.Direction);
        Assert.False(report.Passed);
        Assert.Contains("degenerate", report.ToString());
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Objective objective = Cubic(t => t * t);
        Assert.Throws<ArgumentNullException>(() => TaylorTest.Run(null!, 1));
        Expect.Throws<ArgumentOutOfRangeException>(() => TaylorTest.Run(objective, 1, 0, 5), "ε must be a positive finite number");
        Expect.Throws<ArgumentOutOfRangeException>(() => TaylorTest.Run(objective, 1, double.NaN, 5), "ε must be a positive finite number");
        Expect.Throws<ArgumentOutOfRangeException>(() => TaylorTest.Run(objective, 1, 1e-2, 1), "at least two ε");
    }

    [Fact]
    public void Run_AnyCountOfHalvings_GivesExactPowersOfTwo()
    {
        // ε = ε₀·2⁻ᵏ is computed with ScaleB: exact for every k, also past 31 halvings, where a shift 1 &lt;&lt; k would wrap.
        Objective objective = Cubic(t => t * t);
        TaylorReport report = TaylorTest.Run(objective, 1, 1.0, 40);
        Assert.Equal(40, report.Epsilons.Count);
        for (int k = 0; k < 40; k++) Assert.Equal(Math.ScaleB(1.0, -k), report.Epsilons[k]);
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>A report for hand-chosen first-order remainders R₁ at ε = 1, 1/2, 1/4, … (R₀ = ε), noise floor 1e-10.</summary>
    private static TaylorReport Report(params double[] first)
    {
        var epsilons = new double[first.Length];
        for (int k = 0; k < first.Length; k++) epsilons[k] = Math.ScaleB(1.0, -k);
        return new TaylorReport(epsilons, (double[])epsilons.Clone(), first, 7, 1, 1e-10);
    }

    [Fact]
    public void Rate_IsTheMedianOfTheThreeSmallestDecidingPairs_SortedFirst()
    {
        // R₁ ratios 16, 8, 4, 2 (rates 4, 3, 2, 1), then 0 below the floor: the three deciding pairs at the smallest ε
        // have rates 1, 2, 3, median 2; taking all four pairs would give the upper median 3.
        TaylorReport report = Report(1, Math.ScaleB(1.0, -4), Math.ScaleB(1.0, -7), Math.ScaleB(1.0, -9), Math.ScaleB(1.0, -10), 0);
        Assert.Equal(2, report.Rate, 1e-12);
        // Rates {2, 1, 3} from the smallest ε: unsorted, the middle one would be 1.
        TaylorReport shuffled = Report(1, 0.25, 0.125, Math.ScaleB(1.0, -6), 0);
        Assert.Equal(2, shuffled.Rate, 1e-12);
    }

    [Fact]
    public void Rate_OfTwoDecidingPairs_IsTheirMean_AndAPairNeedsBothRemaindersAboveTheFloor()
    {
        // Rates 2 and 3, then R₁ = 0: the pair (1/32, 0) is not deciding, so the rate is (2 + 3)/2.
        TaylorReport report = Report(1, 0.25, 0.03125, 0);
        Assert.Equal(2.5, report.Rate, 1e-12);
        Assert.True(report.Passed);
        Assert.False(report.IsInconclusive);
    }

    [Fact]
    public void IsInconclusive_ExactlyBetweenOneAndAHalfAndTheRequiredRate()
    {
        // Rates 2 and 1: mean 1.5 exactly, the lower edge of the inconclusive band.
        TaylorReport edge = Report(1, 0.25, 0.125, 0);
        Assert.Equal(1.5, edge.Rate);
        Assert.True(edge.IsInconclusive);
        Assert.False(edge.Passed);
        // Rates 1 and 1: a wrong gradient, below the band, fails at once.
        TaylorReport wrong = Report(1, 0.5, 0.25, 0);
        Assert.False(wrong.IsInconclusive);
        Assert.False(wrong.Passed);
        // R₁ exactly 0, and R₁ below the floor throughout: neither is inconclusive, both pass.
        Assert.False(Report(0, 0, 0).IsInconclusive);
        TaylorReport below = Report(1e-20, 1e-21, 1e-22);
        Assert.True(below.IsBelowResolution);
        Assert.False(below.IsInconclusive);
        Assert.True(below.Passed);
        Assert.Contains("R1 is below the noise floor 1.000E-010 at every ε", below.ToString());
        // A degenerate direction is not called inconclusive either, whatever its rate.
        TaylorReport degenerate = Report(1, 0.25, 0.25, 0.125, 0);
        Assert.True(degenerate.IsDegenerate);
        Assert.False(degenerate.IsInconclusive);
    }

    [Fact]
    public void IsDegenerate_LooksOnlyAtPairsAboveTheFloor()
    {
        // R₁ = 0 at ε = 1/4 (below the floor) and 1/16 at ε = 1/8: R₁ grows there, but across the floor, so the
        // direction is not degenerate; the pair (1, 1/4) decides, at rate 2.
        TaylorReport report = Report(1, 0.25, 0, 0.0625);
        Assert.False(report.IsDegenerate);
        Assert.Equal(2, report.Rate);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Rate_ExactlyTheRequiredRate_IsNotInconclusive()
    {
        // ε from 1 to 2⁻¹⁰ and R₁ from 1 to 2⁻¹⁹: both logarithms are exact multiples of ln 2, and the rate is the double 1.9,
        // the upper edge of the inconclusive band [1.5, 1.9), which it is outside.
        var report = new TaylorReport([1, Math.ScaleB(1.0, -10)], [1, Math.ScaleB(1.0, -10)], [1, Math.ScaleB(1.0, -19)], 1, 1, 0);
        Assert.Equal(TaylorTest.RequiredRate, report.Rate);
        Assert.False(report.IsInconclusive);
        Assert.True(report.Passed);
    }
}
