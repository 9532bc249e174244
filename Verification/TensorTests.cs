using System;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

public class TensorTests
{
    [Fact]
    public void Indexers_AreRowMajor()
    {
        var t2 = new Tensor(new Shape(2, 3), [0, 1, 2, 3, 4, 5]);
        Assert.Equal(5, t2[1, 2]);
        Assert.Equal(3, t2[1, 0]);
        var t3 = new Tensor(new Shape(2, 3, 4));
        t3[1, 2, 3] = 9;
        Assert.Equal(9, t3.Span[(1 * 3 + 2) * 4 + 3]);
        var t4 = new Tensor(new Shape(2, 3, 4, 5));
        t4[1, 2, 3, 4] = 8;
        Assert.Equal(8, t4.Span[((1 * 3 + 2) * 4 + 3) * 5 + 4]);
        t2[0, 1] = -1;
        Assert.Equal(-1, t2.Span[1]);
        Assert.Equal(8, t4[1, 2, 3, 4]);
        Assert.Equal(9, t3[1, 2, 3]);
    }

    [Fact]
    public void Indexers_WrongRankOrIndex_Throw()
    {
        var t2 = new Tensor(new Shape(2, 3));
        Expect.Throws<InvalidOperationException>(() => _ = t2[0, 0, 0], "a 2×3 tensor has 2 axes, not 3");
        Expect.Throws<InvalidOperationException>(() => _ = new Tensor(new Shape(2, 3, 4))[0, 0], "has 3 axes, not 2");
        Expect.Throws<InvalidOperationException>(() => _ = t2[0, 0, 0, 0], "has 2 axes, not 4");
        Expect.Throws<IndexOutOfRangeException>(() => _ = t2[2, 0], "index 2 is outside axis 0");
        Expect.Throws<IndexOutOfRangeException>(() => _ = t2[0, 3], "index 3 is outside axis 1");
        Expect.Throws<IndexOutOfRangeException>(() => _ = t2[0, -1], "index -1 is outside axis 1");
        Expect.Throws<IndexOutOfRangeException>(() => _ = new Tensor(new Shape(2, 3, 4))[0, 0, 4], "index 4 is outside axis 2");
        Expect.Throws<IndexOutOfRangeException>(() => _ = new Tensor(new Shape(2, 3, 4, 5))[0, 0, 0, 5], "index 5 is outside axis 3");
    }

    [Fact]
    public void Constructor_WrongNumberOfValues_MessageNamesCountAndShape()
    {
        Expect.Throws<ArgumentException>(() => new Tensor(new Shape(2, 3), [1, 2]), "2 values do not fill a 2×3 tensor (6 elements)");
        Expect.Throws<ArgumentException>(() => new Tensor(default(Shape)), "no axes");
    }

    [Fact]
    public void Row_IsOneByN_AndNeedsValues()
    {
        Tensor row = Tensor.Row(1, 2, 3);
        Assert.Equal(new Shape(1, 3), row.Shape);
        Assert.Equal(3, row.Length);
        Expect.Throws<ArgumentException>(() => Tensor.Row(), "at least one value");
        Assert.Throws<ArgumentNullException>(() => Tensor.Row(null!));
    }

    [Fact]
    public void Clone_IsIndependent_AndCopyToNeedsSameShape()
    {
        Tensor a = Tensor.Row(1, 2);
        Tensor b = a.Clone();
        b.Span[0] = 5;
        Assert.Equal(1, a.Span[0]);
        var c = new Tensor(new Shape(1, 2));
        a.CopyTo(c);
        Expect.Bitwise(a, c);
        Expect.Throws<ArgumentException>(() => a.CopyTo(new Tensor(new Shape(2, 1))), "Tensor.CopyTo: destination is 2×1 but 1×2 is required");
        Assert.Throws<ArgumentNullException>(() => a.CopyTo(null!));
    }

    [Fact]
    public void BitwiseEquals_DistinguishesSignedZeroAndShape()
    {
        Assert.False(Tensor.Row(0.0).BitwiseEquals(Tensor.Row(-0.0)));
        Assert.True(Tensor.Row(double.NaN).BitwiseEquals(Tensor.Row(double.NaN)));
        Assert.False(Tensor.Row(1, 2).BitwiseEquals(new Tensor(new Shape(2, 1), [1, 2])));
        Assert.False(Tensor.Row(1, 2).BitwiseEquals(Tensor.Row(1, 3)));
        Assert.False(Tensor.Row(1).BitwiseEquals(null));
    }

    [Fact]
    public void IndexOf_InvertsRowMajorOrder()
    {
        var t = new Tensor(new Shape(2, 3, 4));
        Assert.Equal([1, 2, 3], t.IndexOf(23));
        Assert.Equal([1, 0, 1], t.IndexOf(13));
        Assert.Equal([0, 0, 0], t.IndexOf(0));
        Expect.Throws<ArgumentOutOfRangeException>(() => t.IndexOf(24), "no position 24");
        Expect.Throws<ArgumentOutOfRangeException>(() => t.IndexOf(-1), "no position -1");
        Assert.Equal("[1,2,3]", Tensor.FormatIndex([1, 2, 3]));
    }

    [Fact]
    public void ToString_NestsByAxisWithRoundTripNumbers()
    {
        Assert.Equal("[[0.1, 2, -3]]", Tensor.Row(0.1, 2, -3).ToString());
        Assert.Equal("[[[1], [2]], [[3], [4]]]", new Tensor(new Shape(2, 2, 1), [1, 2, 3, 4]).ToString());
        Assert.Equal("[0.30000000000000004]", new Tensor(new Shape(1), [0.1 + 0.2]).ToString());
    }
}
