using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.BinaryCrossEntropy;

namespace ReferenceNN.Verification.Formulas;

/// <summary>Binary cross-entropy's formulas (Reference/Library/Formulas/BinaryCrossEntropy): Derivative against the dual gradient of Value; both against exact and 200-bit values.</summary>
public class BinaryCrossEntropyTests
{
    public static class Cases
    {
        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();
    }

    /// <summary>Y = σ(u), u uniform in [−30, 30] (so y from 1e-13 to 1 − 1e-13); Y* is 0, 1 or uniform, a third each.</summary>
    private static (double[] Target, double[] Output, double[] Direction) Draw(VectorCase c)
    {
        Rng input = c.Streams.InputRandom(), parameters = c.Streams.ParametersRandom();
        double[] y = Enumerable.Range(0, c.Length).Select(_ => ReferenceNN.Formulas.Sigmoid.Function(60 * input.NextDouble() - 30)).ToArray();
        double[] t = Enumerable.Range(0, c.Length).Select(_ => parameters.Next(3) switch { 0 => 0.0, 1 => 1.0, _ => parameters.NextDouble() }).ToArray();
        return (t, y, RandomValues.Uniform(c.Length, c.Streams.DirectionRandom()));
    }

    public static double[] Derivative(double[] target, double[] output)
    {
        var g = new double[output.Length];
        F.Derivative<double>(target, output, g);
        return g;
    }

    /// <summary>(|y*_i/y_i| + |(1 − y*_i)/(1 − y_i)|)/n: the two terms of ∂E/∂y_i cancel when y_i is near y*_i.</summary>
    public static double[] TermMagnitude(double[] t, double[] y) =>
        y.Select((value, i) => (Math.Abs(t[i] / value) + Math.Abs((1 - t[i]) / (1 - value))) / y.Length).ToArray();

    private static DualFormula Value(double[] target) => LossCheck.Value((a, b) => F.Value<Dual<double>>(a, b), target);

    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property Derivative_IsTheDualGradientOfValue(VectorCase c)
    {
        (double[] t, double[] y, double[] v) = Draw(c);
        return LossCheck.Check(c.ToString(), Value(t), y, Derivative(t, y), v, TermMagnitude(t, y), "Formulas/BinaryCrossEntropy dual").ToProperty();
    }

    [SeededProperty(MaxTest = 20, Arbitrary = [typeof(Cases)])]
    public Property Derivative_RoundedToFloat_IsRejected(VectorCase c)
    {
        (double[] t, double[] y, double[] v) = Draw(c);
        double[] exact = Derivative(t, y), rounded = RandomValues.RoundedToFloat(exact), scale = TermMagnitude(t, y);
        // Rounding to float can move every element by far less than float's unit (a derivative of 1 + 1e-13 becomes
        // 1): such a case holds no float-sized error to find. Where some element moved by 2⁻²⁵ of its scale or more,
        // above every part of the tolerance, the check must fail.
        bool moved = exact.Where((d, i) => Math.Abs(rounded[i] - d) >= Math.ScaleB(Math.Max(Math.Abs(d), scale[i]), -25)).Any();
        return (!moved || !LossCheck.Check(c.ToString(), Value(t), y, rounded, v, scale).Passed).Label("a float32 ∂E/∂Y passed")
            .Classify(!moved, "no element moved by float's unit");
    }

    [Fact]
    public void ValueAndDerivative_AreWithinTheirUlpBoundsOfTheExactValues()
    {
        var random = new Rng(Streams.ForRun(nameof(ValueAndDerivative_AreWithinTheirUlpBoundsOfTheExactValues)).Input);
        foreach (Accuracy.Check check in new[] { Accuracy.BinaryCrossEntropyValue, Accuracy.BinaryCrossEntropyDerivative })
        {
            Measurement m = check.Measure(random, 60);
            Assert.True(m.WithinBound, m.ToString());
        }
    }

    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(1.0, 1.0, -1.0)]
    [InlineData(0.0, 0.75, 4.0)]
    [InlineData(1.0, 0.25, -4.0)]
    public void Derivative_ATargetOf0Or1_TakesItsOwnTerm_FiniteWhereTheOutputMeetsIt(double t, double y, double expected)
    {
        // t = 0: ∂E/∂y = 1/(1 − y); t = 1: −1/y. The general (y − t)/(y(1 − y)) would be 0/0 at y = t.
        double[] outputError = new double[2];
        F.Derivative<double>([t, 0.5], [y, 0.5], outputError);
        Assert.Equal(expected / 2, outputError[0]);
        Assert.Equal(0.0, outputError[1]);
    }
}
