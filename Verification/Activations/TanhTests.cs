using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Activations;

public class TanhTests
{
    [Fact]
    public void Function_KnownValues()
    {
        Assert.Equal(0, Tanh.Instance.Function(0));
        Assert.Equal(0.7615941559557649, Tanh.Instance.Function(1), 15);
        Assert.Equal(-0.7615941559557649, Tanh.Instance.Function(-1), 15);
        Assert.Equal("tanh", Tanh.Instance.Name);
        Assert.Equal("tanh", Tanh.Instance.ToString());
    }

    [Fact]
    public void Derivative_IsOneMinusTanhSquared()
    {
        Assert.Equal(1, Tanh.Instance.Derivative(0));
        // 1 − tanh²(1) = 1 − 0.7615941559557649²
        Assert.Equal(0.41997434161402614, Tanh.Instance.Derivative(1), 15);
        Assert.Equal(Tanh.Instance.Derivative(1), Tanh.Instance.Derivative(-1));
    }

    [SeededProperty(MaxTest = 200)]
    public Property Derivative_MatchesRichardsonDifference(ScalarCase c) =>
        ActivationContract.DerivativeMatches(Tanh.Instance, c.X);
}
