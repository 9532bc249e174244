using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.CrossEntropy;

namespace ReferenceNN.Verification.Formulas;

/// <summary>Cross-entropy's formulas (Reference/Library/Formulas/CrossEntropy): Derivative against the dual gradient of Value and exactly; Value against 200-bit values.</summary>
public class CrossEntropyTests
{
    public static class Cases
    {
        public static Arbitrary<SoftmaxCase> SoftmaxCase() => FormulaArbitraries.SoftmaxCase();
    }

    /// <summary>Y a softmax of the case's logits (those that do not underflow to 0), Y* a random distribution with zeros.</summary>
    private static (double[] Target, double[] Output, double[] Direction) Draw(SoftmaxCase c)
    {
        double[] y = SoftmaxTests.ForwardOnDouble(c.Input());
        Rng random = c.Streams.ParametersRandom();
        double[] t = y.Select(value => value == 0 || random.Next(3) == 0 ? 0 : random.NextDouble()).ToArray();
        double sum = t.Sum();
        t = sum == 0 ? t : t.Select(value => value / sum).ToArray();
        return (t, y, RandomValues.Uniform(c.Length, c.Streams.DirectionRandom()));
    }

    public static double[] Derivative(double[] target, double[] output)
    {
        var g = new double[output.Length];
        F.Derivative<double>(target, output, g);
        return g;
    }

    private static DualFormula Value(double[] target) => LossCheck.Value((a, b) => F.Value<Dual<double>>(a, b), target);

    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property Derivative_IsTheDualGradientOfValue(SoftmaxCase c)
    {
        (double[] t, double[] y, double[] v) = Draw(c);
        return LossCheck.Check(c.ToString(), Value(t), y, Derivative(t, y), v, record: "Formulas/CrossEntropy dual").ToProperty();
    }

    [SeededProperty(MaxTest = 20, Arbitrary = [typeof(Cases)])]
    public Property Derivative_RoundedToFloat_IsRejected(SoftmaxCase c)
    {
        (double[] t, double[] y, double[] v) = Draw(c);
        double[] g = Derivative(t, y), rounded = RandomValues.RoundedToFloat(g);
        return Prop.When(!g.SequenceEqual(rounded) && g.All(double.IsFinite) && rounded.All(double.IsFinite),
            () => !LossCheck.Check(c.ToString(), Value(t), y, rounded, v).Passed);
    }

    /// <summary>−y*_i/y_i is one division: it must be the exact quotient rounded to the nearest double.</summary>
    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property Derivative_IsTheExactQuotientRoundedOnce(SoftmaxCase c)
    {
        (double[] t, double[] y, _) = Draw(c);
        Rational[] exact = t.Select((target, i) => target == 0 ? Rational.Zero : -Rational.FromDouble(target) / Rational.FromDouble(y[i])).ToArray();
        return Agreement.Exactly(c.ToString(), Derivative(t, y), exact).ToProperty();
    }

    [Fact]
    public void ValueAndDerivative_AreWithinTheirUlpBoundsOfTheHighPrecisionValues()
    {
        var random = new Rng(Streams.ForRun(nameof(ValueAndDerivative_AreWithinTheirUlpBoundsOfTheHighPrecisionValues)).Input);
        foreach (Accuracy.Check check in new[] { Accuracy.CrossEntropyValue, Accuracy.CrossEntropyDerivative })
        {
            Measurement m = check.Measure(random, 60);
            Assert.True(m.WithinBound, m.ToString());
        }
    }

    [Fact]
    public void Derivative_AZeroTarget_GivesZero_EvenWhereTheOutputIsZero()
    {
        // −t/y would be −0/0 = NaN at t = y = 0; a zero target contributes nothing to E, so its derivative is 0.
        double[] outputError = new double[3];
        F.Derivative<double>([0.0, 1.0, 0.0], [0.0, 0.5, 0.5], outputError);
        Assert.Equal([0.0, -2.0, 0.0], outputError);
        Assert.False(double.IsNegative(outputError[0]));
    }
}
