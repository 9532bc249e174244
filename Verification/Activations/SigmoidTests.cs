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
    public void Derivative_IsFTimesOneMinusF()
    {
        Assert.Equal(0.25, S.Derivative(0));
        double f = S.Function(1.3);
        Assert.Equal(f * (1 - f), S.Derivative(1.3));
        Assert.Equal(S.Derivative(1.3), S.Derivative(-1.3), 1e-16);
    }

    [SeededProperty(MaxTest = 200)]
    public Property Derivative_MatchesRichardsonDifference(ScalarCase c) =>
        ActivationContract.DerivativeMatches(S, c.X);

    [SeededProperty(MaxTest = 200)]
    public Property Function_IsOneOverOnePlusExpMinusX_OnAWideRange(WideScalarCase c) =>
        (Math.Abs(S.Function(c.X) - 1 / (1 + Math.Exp(-c.X))) <= 1e-15).Label($"x = {c.X}");
}
