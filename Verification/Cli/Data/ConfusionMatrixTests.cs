using System;
using ReferenceNN.Cli.Data;
using Xunit;

namespace ReferenceNN.Verification.Cli.Data;

public class ConfusionMatrixTests
{
    [Fact]
    public void Add_CountsAndAccuracy()
    {
        var m = new ConfusionMatrix(3);
        Assert.Equal(0, m.Accuracy);
        m.Add(0, 0);
        m.Add(1, 2);
        m.Add(2, 2);
        m.Add(2, 2);
        Assert.Equal((4, 3, 0.75), (m.Total, m.Correct, m.Accuracy));
        Assert.Equal(2, m[2, 2]);
        Assert.Equal(1, m[1, 2]);
        Assert.Equal(0, m[2, 1]);
        Assert.Equal(3, m.Classes);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(1));
    }

    [Fact]
    public void ArgMax_IsTheFirstLargest()
    {
        Assert.Equal(1, ConfusionMatrix.ArgMax(Tensor.Row(0.1, 0.9, 0.9, -1)));
        Assert.Equal(0, ConfusionMatrix.ArgMax(Tensor.Row(0.5)));
        Assert.Equal(2, ConfusionMatrix.ArgMax(Tensor.Row(-3, -2, -1)));
        Assert.Throws<ArgumentNullException>(() => ConfusionMatrix.ArgMax(null!));
    }

    [Fact]
    public void ToString_IsATableWithNamesWhenGiven()
    {
        var m = new ConfusionMatrix(2);
        m.Add(0, 1);
        m.Add(1, 1);
        string[] lines = m.ToString().Split('\n');
        Assert.Equal("true \\ predicted" + "       0     1", lines[0]);
        Assert.Equal("0".PadRight(18) + "     0     1", lines[1]);
        Assert.Equal("1".PadRight(18) + "     0     1", lines[2]);
        Assert.Equal(4, lines.Length);
        string named = m.ToString(["cat", "dog"]);
        Assert.Contains("\n0 cat ", named);
        Assert.Contains("\n1 dog ", named);
    }
}

public class ConfusionMatrixEdgeTests
{
    [Fact]
    public void Add_OutOfRange_NamesTheClass()
    {
        var m = new ConfusionMatrix(3);
        Assert.StartsWith("ConfusionMatrix: class 3 of 3.", Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(3, 0)).Message);
        Assert.StartsWith("ConfusionMatrix: class 3 of 3.", Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(0, 3)).Message);
        Assert.StartsWith("ConfusionMatrix: at least 2 classes.", Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(1)).Message);
    }

    [Fact]
    public void ToString_WidensColumnsForLargeCountsAndLongNames()
    {
        var m = new ConfusionMatrix(3);
        for (int n = 0; n < 12345; n++) m.Add(1, 1);
        string table = m.ToString(["a", "a rather long name"]);
        string[] lines = table.Split('\n');
        // Columns are one wider than the widest count (5 digits → 6, the minimum); the label column fits
        // "1 a rather long name" and more names than given fall back to the number.
        Assert.Equal("true \\ predicted".PadRight(23) + "     0     1     2", lines[0]);
        Assert.Equal("1 a rather long name".PadRight(23) + "     0 12345     0", lines[2]);
        Assert.Equal("2".PadRight(23) + "     0     0     0", lines[3]);
        for (int n = 0; n < 1_000_000; n++) m.Add(0, 0);
        Assert.Equal("0".PadRight(18) + " 1000000       0       0", m.ToString().Split('\n')[1]);
    }

    [Fact]
    public void PredictedAndActualClasses_CountTheNonEmptyColumnsAndRows()
    {
        var m = new ConfusionMatrix(4);
        Assert.Equal(0, m.PredictedClasses);
        Assert.Equal(0, m.ActualClasses);
        m.Add(0, 2);
        m.Add(1, 2);
        m.Add(3, 2);
        Assert.Equal(1, m.PredictedClasses);
        Assert.Equal(3, m.ActualClasses);
        m.Add(2, 0);
        m.Add(2, 2);
        Assert.Equal(2, m.PredictedClasses);
        Assert.Equal(4, m.ActualClasses);
    }
}
