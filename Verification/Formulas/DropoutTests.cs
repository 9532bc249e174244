using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.Dropout;

namespace ReferenceNN.Verification.Formulas;

/// <summary>Inverted dropout's formulas (Reference/Library/Formulas/Dropout) with a fixed mask, against dual numbers and exact values.</summary>
public class DropoutTests
{
    public static class Cases
    {
        public static Arbitrary<MaskCase> MaskCase() => FormulaArbitraries.MaskCase();
    }

    public static DualFormula Forward(double[] mask, double rate)
    {
        Dual<double>[] m = Duals.Of(mask);
        return (a, y) => F.Forward<Dual<double>>(a[0], m, Dual<double>.Constant(rate), y);
    }

    /// <summary>Every element when there are at most 512, else 512 of them (a column costs a forward pass of n elements).</summary>
    private static int[] Elements(MaskCase c) => DualCheck.Sample(c.Length, 512, new Rng(c.Streams.Direction ^ 0x51ab));

    public static double[] InputError(double[] dy, double[] mask, double rate)
    {
        var dx = new double[dy.Length];
        F.InputError<double>(dy, mask, rate, dx);
        return dx;
    }

    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property InputError_EveryElement_IsTheDualColumnDottedWithTheUpstream(MaskCase c)
    {
        double[] mask = c.Mask(), x = RandomValues.Uniform(c.Length, c.Streams.InputRandom(), -2, 2);
        double[] dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom());
        return DualCheck.Columns(c.ToString(), Forward(mask, c.Rate), [x], c.Length, 0, dy, InputError(dy, mask, c.Rate), Elements(c), record: "Formulas/Dropout dual")
            .ToProperty();
    }

    [SeededProperty(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public Property InputError_DotProductIdentity_HoldsForRandomUpstreamAndDirection(MaskCase c)
    {
        double[] mask = c.Mask(), x = RandomValues.Uniform(c.Length, c.Streams.InputRandom(), -2, 2);
        double[] dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom()), v = RandomValues.Uniform(c.Length, c.Streams.DirectionRandom());
        double[] dx = InputError(dy, mask, c.Rate);
        double scale = DualCheck.Scale(Forward(mask, c.Rate), [x], [v], c.Length, dy, [dx], absoluteValues: false);
        return DualCheck.DotIdentity(c.ToString(), Forward(mask, c.Rate), [x], [v], c.Length, dy, [dx], scale, "Formulas/Dropout dual dot identity")
            .ToProperty();
    }

    [SeededProperty(MaxTest = 15, Arbitrary = [typeof(Cases)])]
    public Property InputError_RoundedToFloat_IsRejected(MaskCase c)
    {
        double[] mask = c.Mask(), x = RandomValues.Uniform(c.Length, c.Streams.InputRandom(), -2, 2);
        mask[0] = 1; // at least one kept element, whose error a float32 result changes
        double[] dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom());
        double[] rounded = RandomValues.RoundedToFloat(InputError(dy, mask, c.Rate));
        return (!DualCheck.Columns(c.ToString(), Forward(mask, c.Rate), [x], c.Length, 0, dy, rounded, [0, .. Elements(c)]).Passed)
            .Label("a float32 ∂E/∂X passed");
    }

    /// <summary>
    /// With p = k/8 (1 − p is exact) and dyadic x and c, x·m is exact and the one division by 1 − p rounds once: each
    /// output must be the exact x·m/(1 − p) rounded to the nearest double, and so must each ∂E/∂x.
    /// </summary>
    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property ForwardAndInputError_AreTheExactValuesRoundedOnce_ForDyadicRates(MaskCase c)
    {
        double rate = Math.Round(c.Rate * 8) / 8;
        if (rate == 0 || rate == 1) rate = 0.5;
        var dyadic = c with { Rate = rate };
        double[] mask = dyadic.Mask(), x = RandomValues.Dyadic(c.Length, c.Streams.InputRandom()), dy = RandomValues.Dyadic(c.Length, c.Streams.UpstreamRandom());
        var y = new double[c.Length];
        F.Forward<double>(x, mask, rate, y);
        Rational p = Rational.FromDouble(rate);
        Rational[] m = ExactFormulas.Of(mask);
        return Verdict.All(
            Agreement.Exactly($"{dyadic}: Forward", y, ExactFormulas.DropoutForward(ExactFormulas.Of(x), m, p)),
            Agreement.Exactly($"{dyadic}: InputError", InputError(dy, mask, rate), ExactFormulas.DropoutBackward(ExactFormulas.Of(dy), m, p))).ToProperty();
    }

    [Fact]
    public void RateOfThreeQuarters_OneDivisionThatRounds_IsTheNearestDouble()
    {
        // 1/(1 − 3/4) = 4 is exact, 0.1·1/(0.25) is 4·0.1 exactly; 1/(1 − 1/8) = 8/7 rounds: 1·8/7 must be the double nearest 8/7.
        double[] y = new double[2];
        F.Forward<double>([0.1, 1], [1, 1], 0.75, y);
        Assert.Equal(0.4, y[0]);
        F.Forward<double>([1, 3], [1, 0], 0.125, y);
        Assert.Equal(Rational.Of(8, 7).ToDouble(), y[0]);
        Assert.Equal(0.0, y[1]);
    }
}
