using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Activations;

public class LeakyReLUTests
{
    [Fact]
    public void Function_IsXOrAlphaX()
    {
        var f = new LeakyReLU();
        Assert.Equal(0.01, f.Alpha);
        Assert.Equal(LeakyReLU.DefaultAlpha, f.Alpha);
        Assert.Equal(3, f.Function(3));
        Assert.Equal(-0.03, f.Function(-3), 1e-16);
        Assert.Equal(0, f.Function(0));
        Assert.Equal(-0.6, new LeakyReLU(0.2).Function(-3), 15);
        Assert.Equal("leaky_relu", f.Name);
    }

    [Fact]
    public void Derivative_IsOneOrAlpha_WithAlphaAtTheKink()
    {
        var f = new LeakyReLU(0.2);
        Assert.Equal(1, f.Derivative(0.5));
        Assert.Equal(0.2, f.Derivative(-0.5));
        Assert.Equal(0.2, f.Derivative(0));
    }

    [Fact]
    public void Function_AtSignedZeros_IsAlphaTimesX_EvenForANegativeAlpha()
    {
        // x ≤ 0 takes the α·x branch, zero included: with α = −0.5, f(+0) = −0 and f(−0) = +0. Written x ≥ 0, the
        // branch would return x itself, +0 and −0: the sign of a zero is part of the result.
        var f = new LeakyReLU(-0.5);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(f.Function(0.0)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(f.Function(-0.0)));
    }

    [Fact]
    public void Kink_OneSidedDifferencesBracketTheDerivative()
    {
        var f = new LeakyReLU(0.2);
        (double left, double right) = ActivationContract.OneSidedAtZero(f);
        Assert.Equal(0.2, left, 12);
        Assert.Equal(1, right);
        Assert.InRange(f.Derivative(0), left, right);
    }

    [Fact]
    public void Constructor_NonFiniteAlpha_Throws()
    {
        Expect.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU(double.NaN), "LeakyReLU: α must be a finite number, not NaN");
    }

    [SeededProperty(MaxTest = 200)]
    public Property Derivative_AwayFromTheKink_MatchesRichardsonDifference(AwayFromKinkCase c) =>
        ActivationContract.DerivativeMatches(new LeakyReLU(), c.X);

    [SeededProperty(MaxTest = 100)]
    public Property Layer_AwayFromTheKink_MatchesRichardsonDifferences(ShapeCase c) =>
        LayerContract.GradientsMatch("ActivationLayer(leaky_relu) through random upstream", new ActivationLayer(c.Shape, new LeakyReLU(0.1)),
            RandomTensor.AwayFromZero(c.Shape, new Rng(c.Seed), 0.02, 3), c.Seed);
}
