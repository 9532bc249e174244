using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.Tanh;

namespace ReferenceNN.Verification.Formulas;

/// <summary>
/// tanh's formulas (Reference/Library/Formulas/Tanh): f′ against the dual derivative of f (sech², written in
/// <see cref="Dual{T}"/> independently of the library's form) across ±40, and both against 200-bit values.
/// </summary>
public class TanhTests
{
    public static class Cases
    {
        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();
    }

    private static readonly Func<Dual<double>, Dual<double>> Function = F.Function;

    private static readonly Func<double, double> Derivative = F.Derivative<double>;

    /// <summary>The article's <c>1 - np.tanh(x)**2</c>, computed in double.</summary>
    public static double ArticleDerivative(double x) => 1 - Math.Tanh(x) * Math.Tanh(x);

    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property Derivative_IsTheDualDerivativeOfFunction_Across40(VectorCase c) =>
        ActivationCheck.DerivativeMatchesDual($"tanh {c}", Function, Derivative, ActivationCheck.Across40(c.Streams.InputRandom(), c.Length),
            "Formulas/Tanh f′ against dual").ToProperty();

    [Fact]
    public void Derivative_AtZeroTinyAndTailPoints_IsTheDualDerivative()
    {
        Verdict verdict = ActivationCheck.DerivativeMatchesDual("tanh", Function, Derivative, [.. ActivationCheck.SpecialPoints, 100, -300, 350]);
        Assert.True(verdict.Passed, verdict.Detail);
    }

    /// <summary>
    /// For |x| ≥ 12, tanh′ x ≤ 1.6e-10 while 1 − tanh²x is a multiple of 2⁻⁵³ (and 0 from |x| ≈ 19.06 on): off by
    /// far more than 1e-12 of itself at every point, where the library's 4u/(1 + u)² stays within it.
    /// </summary>
    [SeededProperty(MaxTest = 20, Arbitrary = [typeof(Cases)])]
    public Property ArticleDerivative_IsRejectedAtEveryTailPoint_WhileTheLibrarysPasses(VectorCase c)
    {
        double[] tail = ActivationCheck.AwayFromZero(c.Streams.InputRandom(), c.Length, 12);
        Verdict library = ActivationCheck.DerivativeMatchesDual("tanh′ (library)", Function, Derivative, tail);
        bool everyArticlePointRejected = tail.All(x => !ActivationCheck.DerivativeMatchesDual("1 − tanh²", Function, ArticleDerivative, [x]).Passed);
        return (library.Passed && everyArticlePointRejected).Label(library.Detail + $"; article rejected at every point: {everyArticlePointRejected}");
    }

    [SeededProperty(MaxTest = 20, Arbitrary = [typeof(Cases)])]
    public Property Derivative_RoundedToFloat_IsRejected(VectorCase c)
    {
        double[] points = ActivationCheck.Across40(c.Streams.InputRandom(), c.Length + 4);
        return (!ActivationCheck.DerivativeMatchesDual("tanh′ as float", Function, ActivationCheck.RoundedToFloat(Derivative), points).Passed)
            .Label("a float32 tanh′ passed");
    }

    [Fact]
    public void FunctionAndDerivative_AreWithinTheirUlpBoundsOfTheHighPrecisionValues()
    {
        var random = new Rng(Streams.ForRun(nameof(FunctionAndDerivative_AreWithinTheirUlpBoundsOfTheHighPrecisionValues)).Input);
        foreach (Accuracy.Check check in new[] { Accuracy.TanhFunction, Accuracy.TanhDerivative })
        {
            Measurement m = check.Measure(random, 300);
            Assert.True(m.WithinBound, m.ToString());
        }
    }
}
