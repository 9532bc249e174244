using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Activations;

public class SigmoidTests
{
    private static readonly Sigmoid S = Sigmoid.Instance;

    [Fact]
    public void Function_KnownValues()
    {
        Assert.Equal(0.5, S.Function(0));
        Assert.Equal(1 / (1 + Math.Exp(-2)), S.Function(2), 1e-16);
        Assert.Equal(Math.Exp(-2) / (1 + Math.Exp(-2)), S.Function(-2), 1e-16);
        Assert.Equal("sigmoid", S.Name);
    }

    [Fact]
    public void Function_FarTails_DoNotOverflow()
    {
        Assert.Equal(1, S.Function(800));
        Assert.Equal(0, S.Function(-800));
        // For x = −40, 1/(1 + e⁴⁰) ≈ e⁻⁴⁰ must keep its full relative precision.
        Assert.Equal(Math.Exp(-40), S.Function(-40), Math.Exp(-40) * 1e-15);
    }

    [Fact]
    public void Derivative_IsFTimesOneMinusF_ComputedIndependently()
    {
        // e⁻ˣ/(1 + e⁻ˣ)² = f(1 − f), with the platform's exp (another implementation than the library's), where it is
        // accurate (|x| ≤ 30); the library's derivative is even, and keeps its digits in the tails.
        Assert.Equal(0.25, S.Derivative(0));
        foreach (double x in new[] { 1.3, -0.2, 5.0, 17.5, 30.0 })
        {
            double u = Math.Exp(-x), expected = u / ((1 + u) * (1 + u));
            Assert.True(Math.Abs(S.Derivative(x) - expected) <= 8e-16 * expected, $"x = {x}: {S.Derivative(x):R} vs {expected:R}");
            Assert.Equal(S.Derivative(x), S.Derivative(-x));
        }
    }

    [SeededProperty(MaxTest = 200)]
    public Property Derivative_MatchesRichardsonDifference(ScalarCase c) =>
        ActivationContract.DerivativeMatches(S, c.X);

    [SeededProperty(MaxTest = 200)]
    public Property Function_IsOneOverOnePlusExpMinusX_OnAWideRange(WideScalarCase c) =>
        (Math.Abs(S.Function(c.X) - 1 / (1 + Math.Exp(-c.X))) <= 1e-15).Label($"x = {c.X}");
}
