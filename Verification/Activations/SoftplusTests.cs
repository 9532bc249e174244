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
    public void Derivative_IsTheLogisticFunction_ComputedIndependently()
    {
        // 1/(1 + e⁻ˣ) with the platform's exp, a different implementation from the library's correctly rounded one.
        Assert.Equal(0.5, S.Derivative(0));
        foreach (double x in new[] { -1.7, 0.3, 4.0, -12.5 })
        {
            double expected = 1 / (1 + Math.Exp(-x));
            Assert.True(Math.Abs(S.Derivative(x) - expected) <= 4e-16 * expected, $"x = {x}: {S.Derivative(x):R} vs {expected:R}");
        }
    }

    [SeededProperty(MaxTest = 200)]
    public Property Derivative_MatchesRichardsonDifference(ScalarCase c) =>
        ActivationContract.DerivativeMatches(S, c.X);

    [SeededProperty(MaxTest = 200)]
    public Property Function_IsLogOfOnePlusExp_OnAWideRange(WideScalarCase c)
    {
        // log(1 + eˣ) computed as written loses the digits of a small eˣ in 1 + eˣ (2e-10 relative at x = −14); Goldberg's
        // log1p, log(w)·u/(w − 1) with w = 1 + u rounded, corrects that with the platform's log and exp (another
        // implementation than the library's), to a few ulps. To 4e-16 of the value: no x is exempt.
        double u = Math.Exp(c.X), w = 1 + u;
        double expected = w == 1 ? u : Math.Log(w) * u / (w - 1);
        return (Math.Abs(S.Function(c.X) - expected) <= 4e-16 * expected).Label($"x = {c.X}: {S.Function(c.X):R} vs {expected:R}");
    }
}
