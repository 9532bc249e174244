using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Activations;

public class ReLUTests
{
    [Fact]
    public void Function_NaNPassesThrough_AndMinusZeroGivesPlusZero()
    {
        Assert.True(double.IsNaN(ReLU.Instance.Function(double.NaN)));
        Assert.Equal(0L, System.BitConverter.DoubleToInt64Bits(ReLU.Instance.Function(-0.0)));
        Assert.Equal(0L, System.BitConverter.DoubleToInt64Bits(ReLU.Instance.Function(-3.5)));
    }

    private static readonly ReLU R = ReLU.Instance;

    [Fact]
    public void Function_IsMaxOfZeroAndX()
    {
        Assert.Equal(2.5, R.Function(2.5));
        Assert.Equal(0, R.Function(-2.5));
        Assert.Equal(0, R.Function(0));
        Assert.Equal("relu", R.Name);
    }

    [Fact]
    public void Derivative_IsStepWithZeroAtTheKink()
    {
        Assert.Equal(1, R.Derivative(0.001));
        Assert.Equal(0, R.Derivative(-0.001));
        Assert.Equal(0, R.Derivative(0));
    }

    [Fact]
    public void Kink_OneSidedDifferencesBracketTheDerivative()
    {
        (double left, double right) = ActivationContract.OneSidedAtZero(R);
        Assert.Equal(0, left);
        Assert.Equal(1, right);
        Assert.InRange(R.Derivative(0), left, right);
    }

    [SeededProperty(MaxTest = 200)]
    public Property Derivative_AwayFromTheKink_MatchesRichardsonDifference(AwayFromKinkCase c) =>
        ActivationContract.DerivativeMatches(R, c.X);

    [SeededProperty(MaxTest = 100)]
    public Property Layer_AwayFromTheKink_MatchesRichardsonDifferences(ShapeCase c) =>
        LayerContract.GradientsMatch("ActivationLayer(relu) through random upstream", new ActivationLayer(c.Shape, R),
            RandomTensor.AwayFromZero(c.Shape, new Rng(c.Seed), 0.02, 3), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Layer_AwayFromTheKink_TaylorRemainderShrinksAsEpsilonSquared(ShapeCase c) =>
        LayerContract.TaylorHolds(new ActivationLayer(c.Shape, R), RandomTensor.AwayFromZero(c.Shape, new Rng(c.Seed), 0.02, 3), c.Seed);
}
