using System;
using ReferenceNN.Layers;
using Xunit;

namespace ReferenceNN.Verification.Layers;

public class ParameterTests
{
    [Fact]
    public void Constructor_ErrorIsZeroAndShapedLikeTheValue()
    {
        var parameter = new Parameter("weights", new Tensor(new Shape(2, 3), [1, 2, 3, 4, 5, 6]));
        Assert.Equal(new Shape(2, 3), parameter.Error.Shape);
        Assert.All(parameter.Error.Span.ToArray(), e => Assert.Equal(0, e));
        Assert.Equal("weights", parameter.Name);
        Assert.Throws<ArgumentNullException>(() => new Parameter("bias", null!));
        Assert.Throws<ArgumentException>(() => new Parameter("", Tensor.Row(1)));
    }

    [Fact]
    public void Step_SubtractsLearningRateTimesError()
    {
        var parameter = new Parameter("bias", Tensor.Row(1, 2));
        parameter.Error.Span[0] = 4;
        parameter.Error.Span[1] = -2;
        parameter.Step(0.25);
        Assert.Equal([0, 2.5], parameter.Value.Span.ToArray());
    }
}
