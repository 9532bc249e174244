using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.ReLU;

namespace ReferenceNN.Verification.Formulas;

/// <summary>
/// The rectifier's formulas (Reference/Library/Formulas/ReLU): f′ against the dual derivative of f away from the kink,
/// and at the kink the documented left derivative 0. Its derivative takes only the values 0 and 1, which float32
/// represents exactly, so a float32-rounded f′ is the same function: no float test here.
/// </summary>
public class ReLUTests
{
    public static class Cases
    {
        public static Arbitrary<VectorCase> VectorCase() => FormulaArbitraries.VectorCase();
    }

    private static readonly Func<Dual<double>, Dual<double>> Function = F.Function;

    private static readonly Func<double, double> Derivative = F.Derivative<double>;

    [SeededProperty(MaxTest = 50, Arbitrary = [typeof(Cases)])]
    public Property Derivative_AwayFromTheKink_IsTheDualDerivativeOfFunction_Across40(VectorCase c) =>
        ActivationCheck.DerivativeMatchesDual($"ReLU {c}", Function, Derivative,
            ActivationCheck.AwayFromZero(c.Streams.InputRandom(), c.Length, 1e-300), "Formulas/ReLU f′ against dual").ToProperty();

    [Fact]
    public void Derivative_AtTheKink_IsTheLeftDerivative_TheBranchFunctionTakes()
    {
        // On the left of 0, f = 0 (slope 0); on the right, f = x (slope 1). The dual tangent just left and right of 0
        // shows each slope; f′(±0) must be the left one, which is also the branch Function takes at ±0.
        Assert.Equal(0, ActivationCheck.DualDerivative(Function, -5e-324));
        Assert.Equal(1, ActivationCheck.DualDerivative(Function, 5e-324));
        foreach (double zero in new[] { 0.0, -0.0 })
        {
            Assert.Equal(ActivationCheck.DualDerivative(Function, -5e-324), Derivative(zero));
            Assert.Equal(ActivationCheck.DualDerivative(Function, zero), Derivative(zero));
        }
    }
}
