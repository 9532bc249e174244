using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.Sigmoid;

namespace ReferenceNN.Verification.Formulas;

/// <summary>sigmoid's formulas (Reference/Library/Formulas/Sigmoid): f′ against the dual derivative of f across ±40, and both against 200-bit values.</summary>
public class SigmoidTests
{
    public static class Cases
    {
        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();
    }

    private static readonly Func<Dual<double>, Dual<double>> Function = F.Function;

    private static readonly Func<double, double> Derivative = F.Derivative<double>;

    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property Derivative_IsTheDualDerivativeOfFunction_Across40(VectorCase c) =>
        ActivationCheck.DerivativeMatchesDual($"sigmoid {c}", Function, Derivative, ActivationCheck.Across40(c.Streams.InputRandom(), c.Length),
            "Formulas/Sigmoid f′ against dual").ToProperty();

    [Fact]
    public void Derivative_AtZeroTinyAndTailPoints_IsTheDualDerivative()
    {
        Verdict verdict = ActivationCheck.DerivativeMatchesDual("sigmoid", Function, Derivative, [.. ActivationCheck.SpecialPoints, 100, -300, 700]);
        Assert.True(verdict.Passed, verdict.Detail);
    }

    [SeededProperty(MaxTest = 20, Arbitrary = [typeof(Cases)])]
    public Property Derivative_RoundedToFloat_IsRejected(VectorCase c)
    {
        double[] points = ActivationCheck.Across40(c.Streams.InputRandom(), c.Length + 4);
        return (!ActivationCheck.DerivativeMatchesDual("sigmoid′ as float", Function, ActivationCheck.RoundedToFloat(Derivative), points).Passed)
            .Label("a float32 sigmoid′ passed");
    }

    [Fact]
    public void FunctionAndDerivative_AreWithinTheirUlpBoundsOfTheHighPrecisionValues()
    {
        var random = new Rng(Streams.ForRun(nameof(FunctionAndDerivative_AreWithinTheirUlpBoundsOfTheHighPrecisionValues)).Input);
        foreach (Accuracy.Check check in new[] { Accuracy.SigmoidFunction, Accuracy.SigmoidDerivative })
        {
            Measurement m = check.Measure(random, 300);
            Assert.True(m.WithinBound, m.ToString());
        }
    }
}
