using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Activations;

public class SoftplusTests
{
    private static readonly Softplus S = Softplus.Instance;

    [Fact]
    public void Function_KnownValues()
    {
        Assert.Equal(Math.Log(2), S.Function(0), 1e-16);
        Assert.Equal(Math.Log(1 + Math.E), S.Function(1), 15);
        Assert.Equal("softplus", S.Name);
    }

    [Fact]
    public void Function_Tails_KeepPrecisionAndDoNotOverflow()
    {
        // log(1 + e⁻⁴⁰) ≈ e⁻⁴⁰: log(1 + u) computed naively would give 0.
        Assert.Equal(Math.Exp(-40), S.Function(-40), Math.Exp(-40) * 1e-15);
        Assert.Equal(800, S.Function(800));
        Assert.Equal(0, S.Function(-800));
    }

    [Fact]
    public void Derivative_IsTheSigmoid()
    {
        Assert.Equal(0.5, S.Derivative(0));
        Assert.Equal(Sigmoid.Instance.Function(-1.7), S.Derivative(-1.7));
    }

    [SeededProperty(MaxTest = 200)]
    public Property Derivative_MatchesRichardsonDifference(ScalarCase c) =>
        ActivationContract.DerivativeMatches(S, c.X);

    [SeededProperty(MaxTest = 200)]
    public Property Function_IsLogOfOnePlusExp_OnAWideRange(WideScalarCase c)
    {
        double expected = Math.Log(1 + Math.Exp(c.X));
        return (Math.Abs(S.Function(c.X) - expected) <= 4e-16 * Math.Max(1, expected) || c.X < -20).Label($"x = {c.X}");
    }
}
