using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class FlattenTests
{
    [Fact]
    public void Forward_IsRowMajorOrderOfHeightWidthDepth()
    {
        var input = new Tensor(new Shape(2, 2, 2));
        input[0, 1, 0] = 3;
        input[1, 0, 1] = 7;
        var layer = new Flatten(input.Shape);
        Tensor output = layer.Forward(input);
        Assert.Equal(new Shape(1, 8), output.Shape);
        Assert.Equal(3, output[0, (0 * 2 + 1) * 2 + 0]);
        Assert.Equal(7, output[0, (1 * 2 + 0) * 2 + 1]);
    }

    [Fact]
    public void Backward_ReshapesBack()
    {
        var layer = new Flatten(new Shape(2, 1, 2));
        layer.Forward(new Tensor(new Shape(2, 1, 2)));
        Tensor inputError = layer.Backward(Tensor.Row(1, 2, 3, 4));
        Assert.Equal(new Shape(2, 1, 2), inputError.Shape);
        Assert.Equal(3, inputError[1, 0, 0]);
        Assert.Equal(2, inputError[0, 0, 1]);
    }

    [Fact]
    public void Forward_WrongShape_MessageNamesBothShapes()
    {
        Expect.Throws<ArgumentException>(() => new Flatten(new Shape(2, 2, 1)).Forward(Tensor.Row(1, 2, 3, 4)),
            "Flatten.Forward: input is 1×4 but the layer takes 2×2×1");
    }

    [SeededProperty(MaxTest = 100)]
    public Property Backward_MatchesRichardsonDifferences(ShapeCase c) =>
        LayerContract.GradientsMatch("Flatten through random upstream", new Flatten(c.Shape), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Backward_IsTheAdjointOfTheReshape(ShapeCase c) =>
        LayerContract.InputAdjointHolds(new Flatten(c.Shape), c.Input(), c.Seed);

    [SeededProperty(MaxTest = 100)]
    public Property Backward_TaylorRemainder_ShrinksAsEpsilonSquared(ShapeCase c) =>
        LayerContract.TaylorHolds(new Flatten(c.Shape), c.Input(), c.Seed);
}
