using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

/// <summary>
/// The float32 verdict's number (docs/Oracle/Float32Estimate.md): each rule of its running error bound against float
/// arithmetic carried out independently of it (sums in several orders, pairwise and with fused multiply-adds; products,
/// quotients and functions in float), its random rounding against the two floats around the exact result, and its
/// deviation against the alternative it is widened to.
/// </summary>
public class Float32EstimateTests
{
    public sealed record Terms(int Seed, int Length)
    {
        public override string ToString() => $"Terms(seed {Seed}, {Length} terms)";

        public (double[] A, double[] B) Draw()
        {
            var random = new Rng(Seed);
            double scale = Math.Pow(10, -3 + 6 * random.NextDouble());
            double[] a = Enumerable.Range(0, Length).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
            double[] b = Enumerable.Range(0, Length).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            return (a, b);
        }
    }

    public static class Generators
    {
        public static Arbitrary<Terms> Terms() =>
            (from seed in Arbitraries.Seed
             from length in Gen.OneOf(Gen.Choose(1, 8), Gen.Choose(9, 200), Gen.Constant(784))
             select new Terms(seed, length)).ToArbitrary();
    }

    /// <summary>
    /// A dot product Σ aᵢbᵢ summed in float in the formula's order, backwards, pairwise, and with fused multiply-adds,
    /// from the inputs rounded to float, is within the bound the estimate carries for it (the formulas' order only).
    /// </summary>
    [SeededProperty(MaxTest = 300, Arbitrary = [typeof(Generators)])]
    public bool DotProduct_InAnyOrder_IsWithinTheBound(Terms t)
    {
        (double[] a, double[] b) = t.Draw();
        Float32Estimate sum = Float32Estimate.Zero;
        for (int i = 0; i < a.Length; i++) sum += Float32Estimate.Input(a[i]) * Float32Estimate.Input(b[i]);
        float[] fa = a.Select(v => (float)v).ToArray(), fb = b.Select(v => (float)v).ToArray();
        float forward = 0, backward = 0, fused = 0;
        for (int i = 0; i < a.Length; i++) forward += fa[i] * fb[i];
        for (int i = a.Length - 1; i >= 0; i--) backward += fa[i] * fb[i];
        for (int i = 0; i < a.Length; i++) fused = MathF.FusedMultiplyAdd(fa[i], fb[i], fused);
        float pairwise = Pairwise(fa.Zip(fb, (x, y) => x * y).ToArray());
        foreach ((string order, float value) in new[] { ("forward", forward), ("backward", backward), ("fused", fused), ("pairwise", pairwise) })
        {
            double distance = Math.Abs(value - sum.Value);
            Assert.True(distance <= sum.Bound, $"{order}: {value:R} vs {sum.Value:R}: {distance:E3} beyond the bound {sum.Bound:E3}");
        }
        return true;
    }

    private static float Pairwise(ReadOnlySpan<float> x) => x.Length switch
    {
        0 => 0,
        1 => x[0],
        _ => Pairwise(x[..(x.Length / 2)]) + Pairwise(x[(x.Length / 2)..]),
    };

    /// <summary>The bound is worst-case but not wildly so: for 784 terms it is at most 784·u·Σ|aᵢbᵢ| plus the inputs' rounding, to first order.</summary>
    [Fact]
    public void DotProduct_Bound_IsTheClassicalOne()
    {
        (double[] a, double[] b) = new Terms(7, 784).Draw();
        Float32Estimate sum = Float32Estimate.Zero;
        for (int i = 0; i < a.Length; i++) sum += Float32Estimate.Input(a[i]) * Float32Estimate.Input(b[i]);
        double magnitude = a.Zip(b, (x, y) => Math.Abs(x * y)).Sum();
        double classical = (784 + 3) * Float32Estimate.UnitRoundoff * magnitude;
        Assert.InRange(sum.Bound, 783 * Float32Estimate.UnitRoundoff * magnitude, classical * (1 + 1e-4));
    }

    /// <summary>exp, ln, ln(1 + x) and tanh of a float input, computed in float (.NET's MathF), are within the estimate's bound.</summary>
    [Theory]
    [InlineData(0.1)]
    [InlineData(-3.7)]
    [InlineData(12.25)]
    [InlineData(1e-6)]
    [InlineData(-80.5)]
    public void Functions_InFloat_AreWithinTheBound(double x)
    {
        Float32Estimate e = Float32Estimate.Input(x);
        float f = (float)x;
        void Within(string name, Float32Estimate estimate, float value) =>
            Assert.True(Math.Abs(value - estimate.Value) <= estimate.Bound, $"{name}({x}): {value:R} vs {estimate.Value:R}, bound {estimate.Bound:E3}");
        Within("exp", Float32Estimate.Exp(e), MathF.Exp(f));
        Within("tanh", Float32Estimate.Tanh(e), MathF.Tanh(f));
        if (x > 0) Within("ln", Float32Estimate.Log(e), MathF.Log(f));
        if (x > -1) Within("ln1p", Float32Estimate.LogP1(e), (float)Math.Log(1 + (double)f));
        Within("quotient", Float32Estimate.One / (Float32Estimate.One + e * e), 1 / (1 + f * f));
    }

    /// <summary>A logarithm or a quotient whose argument's bound reaches its value has no bound: +∞, never a number.</summary>
    [Fact]
    public void Bound_ThatCannotBeStated_IsInfinite()
    {
        Float32Estimate tiny = Float32Estimate.Input(1e-50); // rounds to 0 in float: its bound is its size
        Assert.Equal(double.PositiveInfinity, Float32Estimate.Log(tiny).Bound);
        Assert.Equal(double.PositiveInfinity, (Float32Estimate.One / tiny).Bound);
        Assert.Equal(double.PositiveInfinity, Float32Estimate.Input(1e39).Bound); // beyond float's range
        Assert.Equal(0, Float32Estimate.Input(0.5).Bound); // a float is exact
    }

    /// <summary>Random rounding picks one of the two floats around the exact result, both about half the time, the same on every run.</summary>
    [SeededProperty(MaxTest = 200)]
    public bool RoundRandomly_IsOneOfTheTwoNeighbours(double x, float a, float b)
    {
        if (!double.IsFinite(x) || Math.Abs(x) > float.MaxValue / 2) return true;
        float r = Float32Estimate.RoundRandomly(x, a, b, 1, 0);
        Assert.Equal(r, Float32Estimate.RoundRandomly(x, a, b, 1, 0));
        float nearest = (float)x;
        if ((double)nearest == x) Assert.Equal(nearest, r);
        else Assert.True(r == nearest || r == (nearest < x ? MathF.BitIncrement(nearest) : MathF.BitDecrement(nearest)), $"{r:R} around {x:R}");
        return true;
    }

    [Fact]
    public void RoundRandomly_GoesBothWays()
    {
        int up = 0;
        for (int k = 0; k < 1000; k++) if (Float32Estimate.RoundRandomly(0.1, k, 1, 1, 0) > 0.1) up++;
        Assert.InRange(up, 400, 600);
        int lanesUp = Enumerable.Range(0, Float32Estimate.LaneCount).Count(lane => Float32Estimate.RoundRandomly(0.1, 3, 1, 1, lane) > 0.1);
        Assert.InRange(lanesUp, 1, Float32Estimate.LaneCount - 1);
    }

    /// <summary>
    /// Widening to an alternative keeps the literal value and lanes and sets the deviation to the distance (plus the
    /// alternative's own rounding room); sums and products carry it on to first order.
    /// </summary>
    [Fact]
    public void Widen_KeepsTheValue_AndCarriesTheDistanceOn()
    {
        Float32Estimate literal = Float32Estimate.Input(0.25), alternative = Float32Estimate.Input(0.25 + 1e-3);
        Float32Estimate widened = Float32Estimate.Widen(literal, alternative);
        Assert.Equal(0.25, widened.Value);
        Assert.Equal(literal.Lane(0), widened.Lane(0));
        // The distance, plus 10 of the alternative's lane distances (its input 0.251 is not a float: every lane is off by
        // that rounding) and 8 roundings of it.
        double expected = Math.Abs(alternative.Value - literal.Value) + Float32Estimate.AlternativeSpreads * Float32Estimate.Spread(alternative)
            + Float32Estimate.AlternativeRoundings * Float32Estimate.UnitRoundoff * alternative.Value;
        Assert.True(Float32Estimate.Spread(alternative) > 0);
        Assert.Equal(expected, widened.Deviation, 15);
        Assert.Equal(widened.Deviation * 2, (widened * Float32Estimate.Input(-2)).Deviation, 15);
        Assert.Equal(widened.Deviation, (widened + Float32Estimate.Input(3)).Deviation);
        Assert.Equal(0, (literal + literal).Deviation);
    }
}
