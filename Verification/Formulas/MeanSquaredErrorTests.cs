using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.MeanSquaredError;

namespace ReferenceNN.Verification.Formulas;

/// <summary>MSE's formulas (Reference/Library/Formulas/MeanSquaredError): Derivative against the dual gradient of Value; both exactly.</summary>
public class MeanSquaredErrorTests
{
    public static class Cases
    {
        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();
    }

    private static (double[] Target, double[] Output, double[] Direction) Draw(VectorCase c) =>
        (RandomValues.Uniform(c.Length, c.Streams.ParametersRandom()), RandomValues.Uniform(c.Length, c.Streams.InputRandom(), -2, 2),
         RandomValues.Uniform(c.Length, c.Streams.DirectionRandom()));

    public static double[] Derivative(double[] target, double[] output)
    {
        var g = new double[output.Length];
        F.Derivative<double>(target, output, g);
        return g;
    }

    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property Derivative_IsTheDualGradientOfValue(VectorCase c)
    {
        (double[] t, double[] y, double[] v) = Draw(c);
        return LossCheck.Check(c.ToString(), LossCheck.Value((a, b) => F.Value<Dual<double>>(a, b), t), y, Derivative(t, y), v,
            record: "Formulas/MeanSquaredError dual").ToProperty();
    }

    [SeededProperty(MaxTest = 20, Arbitrary = [typeof(Cases)])]
    public Property Derivative_RoundedToFloat_IsRejected(VectorCase c)
    {
        (double[] t, double[] y, double[] v) = Draw(c);
        double[] rounded = RandomValues.RoundedToFloat(Derivative(t, y));
        return (!LossCheck.Check(c.ToString(), LossCheck.Value((a, b) => F.Value<Dual<double>>(a, b), t), y, rounded, v).Passed)
            .Label("a float32 ∂E/∂Y passed");
    }

    /// <summary>
    /// Y and Y* dyadic a·2⁻ᵉ with |a| &lt; 2⁸, e ≤ 10: y − y* is a multiple of 2⁻¹⁰ below 2⁹, its square a multiple of
    /// 2⁻²⁰ below 2¹⁸, and a sum of n ≤ 800 squares a multiple of 2⁻²⁰ below 2²⁸ (under 2⁴⁸ units): exact. The one
    /// division by n then rounds once, so E must be the exact (1/n)Σ(y* − y)² rounded to the nearest double; likewise
    /// ∂E/∂y_i = 2(y_i − y*_i)/n, where 2(y − y*) is exact and the division rounds once.
    /// </summary>
    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property ValueAndDerivative_OnDyadicInputs_AreTheExactValuesRoundedOnce(VectorCase c)
    {
        double[] t = RandomValues.Dyadic(c.Length, c.Streams.ParametersRandom(), bits: 8);
        double[] y = RandomValues.Dyadic(c.Length, c.Streams.InputRandom(), bits: 8);
        Rational[] et = ExactFormulas.Of(t), ey = ExactFormulas.Of(y);
        return Verdict.All(
            Agreement.Exactly($"{c}: Value", [F.Value<double>(t, y)], [ExactFormulas.MeanSquaredError(et, ey)]),
            Agreement.Exactly($"{c}: Derivative", Derivative(t, y), ExactFormulas.MeanSquaredErrorDerivative(et, ey))).ToProperty();
    }

    [Fact]
    public void ValueAndDerivative_AreWithinTheirUlpBoundsOfTheExactValues()
    {
        var random = new Rng(Streams.ForRun(nameof(ValueAndDerivative_AreWithinTheirUlpBoundsOfTheExactValues)).Input);
        foreach (Accuracy.Check check in new[] { Accuracy.MeanSquaredErrorValue, Accuracy.MeanSquaredErrorDerivative })
        {
            Measurement m = check.Measure(random, 100);
            Assert.True(m.WithinBound, m.ToString());
        }
    }
}
