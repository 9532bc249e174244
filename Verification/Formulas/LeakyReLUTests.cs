using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.LeakyReLU;

namespace ReferenceNN.Verification.Formulas;

/// <summary>
/// The leaky rectifier's formulas (Reference/Library/Formulas/LeakyReLU): f′ against the dual derivative of f away from
/// the kink, for slopes α of either sign, and at the kink the documented left derivative α.
/// </summary>
public class LeakyReLUTests
{
    public static class Cases
    {
        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();
    }

    private static readonly double[] Alphas = [0.01, 0.2, -0.3, 1.7];

    private static double AlphaOf(VectorCase c) => Alphas[c.Streams.Parameters % Alphas.Length];

    private static Func<Dual<double>, Dual<double>> Function(double alpha) => x => F.Function(x, Dual<double>.Constant(alpha));

    private static Func<double, double> Derivative(double alpha) => x => F.Derivative(x, alpha);

    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property Derivative_AwayFromTheKink_IsTheDualDerivativeOfFunction_Across40(VectorCase c)
    {
        double alpha = AlphaOf(c);
        return ActivationCheck.DerivativeMatchesDual($"leaky ReLU α = {alpha} {c}", Function(alpha), Derivative(alpha),
            ActivationCheck.AwayFromZero(c.Streams.InputRandom(), c.Length, 1e-300), "Formulas/LeakyReLU f′ against dual").ToProperty();
    }

    [Fact]
    public void Derivative_AtTheKink_IsTheLeftDerivativeAlpha_TheBranchFunctionTakes()
    {
        foreach (double alpha in Alphas)
        {
            Assert.Equal(alpha, ActivationCheck.DualDerivative(Function(alpha), -5e-324));
            Assert.Equal(1, ActivationCheck.DualDerivative(Function(alpha), 5e-324));
            foreach (double zero in new[] { 0.0, -0.0 })
            {
                Assert.Equal(alpha, Derivative(alpha)(zero));
                Assert.Equal(ActivationCheck.DualDerivative(Function(alpha), zero), Derivative(alpha)(zero));
            }
        }
    }

    [SeededProperty(MaxTest = 20, Arbitrary = [typeof(Cases)])]
    public Property Derivative_RoundedToFloat_IsRejected(VectorCase c)
    {
        // α = 0.01, 0.2, −0.3, 1.7 are not floats, so f′ = α on x < 0 changes when rounded; a point on each side
        double alpha = AlphaOf(c);
        double[] points = [-1, .. ActivationCheck.Across40(c.Streams.InputRandom(), c.Length)];
        return (!ActivationCheck.DerivativeMatchesDual("leaky ReLU′ as float", Function(alpha), ActivationCheck.RoundedToFloat(Derivative(alpha)), points).Passed)
            .Label($"a float32 leaky ReLU′ passed (α = {alpha})");
    }
}
