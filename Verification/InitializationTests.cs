using System;
using Xunit;

namespace ReferenceNN.Verification;

public class InitializationTests
{
    [Fact]
    public void Uniform_IsNextDoubleMinusHalfInRowMajorOrder()
    {
        var tensor = new Tensor(new Shape(3, 4));
        Initialization.Uniform(tensor, new Random(3));
        var random = new Random(3);
        foreach (double value in tensor.Span)
        {
            Assert.Equal(random.NextDouble() - 0.5, value);
            Assert.InRange(value, -0.5, 0.5);
        }
    }

    [Fact]
    public void Uniform_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Initialization.Uniform(null!, new Random(1)));
        Assert.Throws<ArgumentNullException>(() => Initialization.Uniform(Tensor.Row(1), null!));
    }
}
