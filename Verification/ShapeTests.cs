using System;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

public class ShapeTests
{
    [Fact]
    public void ToString_JoinsSizesWithTimesSign()
    {
        Assert.Equal("7", new Shape(7).ToString());
        Assert.Equal("1×3", new Shape(1, 3).ToString());
        Assert.Equal("28×28×1", new Shape(28, 28, 1).ToString());
        Assert.Equal("3×3×2×4", new Shape(3, 3, 2, 4).ToString());
        Assert.Equal("(no shape)", default(Shape).ToString());
    }

    [Fact]
    public void Size_IsTheProductOfTheSizes()
    {
        Assert.Equal(7, new Shape(7).Size);
        Assert.Equal(6, new Shape(2, 3).Size);
        Assert.Equal(24, new Shape(2, 3, 4).Size);
        Assert.Equal(120, new Shape(2, 3, 4, 5).Size);
    }

    [Fact]
    public void Size_TooLargeForAnArray_Throws()
    {
        Expect.Throws<OverflowException>(() => _ = new Shape(65536, 65536).Size, "Shape 65536×65536: more elements than an array can hold");
    }

    [Fact]
    public void Indexer_ReturnsEachAxisAndRejectsOthers()
    {
        var shape = new Shape(2, 3, 4, 5);
        Assert.Equal([2, 3, 4, 5], shape.ToArray());
        Assert.Equal(4, shape.Rank);
        Expect.Throws<ArgumentOutOfRangeException>(() => _ = new Shape(2, 3)[2], "axis 2 does not exist");
        Expect.Throws<ArgumentOutOfRangeException>(() => _ = new Shape(2, 3)[-1], "axis -1 does not exist");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_SizeBelowOne_Throws(int size)
    {
        Expect.Throws<ArgumentOutOfRangeException>(() => new Shape(size), $"size {size} on axis 0");
        Expect.Throws<ArgumentOutOfRangeException>(() => new Shape(1, size), $"size {size} on axis 1");
        Expect.Throws<ArgumentOutOfRangeException>(() => new Shape(1, 1, size), $"size {size} on axis 2");
        Expect.Throws<ArgumentOutOfRangeException>(() => new Shape(1, 1, 1, size), $"size {size} on axis 3");
    }

    [Fact]
    public void Of_BuildsTheShapeOfEachRankAndRejectsOthers()
    {
        Assert.Equal(new Shape(4), Shape.Of([4]));
        Assert.Equal(new Shape(1, 4), Shape.Of([1, 4]));
        Assert.Equal(new Shape(2, 3, 4), Shape.Of([2, 3, 4]));
        Assert.Equal(new Shape(2, 3, 4, 5), Shape.Of([2, 3, 4, 5]));
        Expect.Throws<ArgumentException>(() => Shape.Of([]), "1 to 4 axes, not 0");
        Expect.Throws<ArgumentException>(() => Shape.Of([1, 2, 3, 4, 5]), "1 to 4 axes, not 5");
    }

    [Fact]
    public void Equality_NeedsSameRankAndSizes()
    {
        Assert.True(new Shape(1, 3) == new Shape(1, 3));
        Assert.True(new Shape(1, 3) != new Shape(3, 1));
        Assert.True(new Shape(3) != new Shape(1, 3));
        Assert.True(new Shape(2, 3, 1) != new Shape(2, 3));
        Assert.False(new Shape(2, 3).Equals((object)"2×3"));
        Assert.True(new Shape(2, 3).Equals((object)new Shape(2, 3)));
        Assert.Equal(new Shape(2, 3).GetHashCode(), new Shape(2, 3).GetHashCode());
    }

    [Fact]
    public void Size_OfSizesWhoseProductWrapsModuloTwoToThe64_IsRefused()
    {
        // 7623851·409891·2731·4323 = 2⁶⁴ + 1: a product in 64 bits would wrap to exactly 1.
        Expect.Throws<OverflowException>(() => _ = new Shape(7623851, 409891, 2731, 4323).Size, "more elements than an array can hold");
        Expect.Throws<OverflowException>(() => _ = new Shape(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue).Size, "more elements");
        Assert.Equal(2 * 3 * 5 * 7, new Shape(2, 3, 5, 7).Size);
    }
}
