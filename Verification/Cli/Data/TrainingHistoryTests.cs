using System;
using ReferenceNN.Cli.Data;
using Xunit;

namespace ReferenceNN.Verification.Cli.Data;

public class TrainingHistoryTests
{
    [Fact]
    public void ToCsv_HasAHeaderAndALinePerEpoch()
    {
        var h = new TrainingHistory();
        h.Add(new EpochRecord(1, 0.5, 0.8, 1.25));
        h.Add(new EpochRecord(2, 0.1, 0.875, 1.5));
        Assert.Equal("epoch,error,test_accuracy,seconds\n1,0.5,0.8,1.250\n2,0.1,0.875,1.500\n", h.ToCsv());
        Assert.Equal(2, h.Epochs.Count);
    }

    [Fact]
    public void ToSvg_PlotsBothCurvesOnTheirAxes()
    {
        var h = new TrainingHistory();
        h.Add(new EpochRecord(1, 0.4, 0.5, 1));
        h.Add(new EpochRecord(2, 0.2, 1.0, 1));
        string svg = h.ToSvg("a <title> & more");
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"400\"", svg);
        Assert.Contains("a &lt;title&gt; &amp; more", svg);
        // Error: epoch 1 at the top of the plot (its maximum), epoch 2 halfway; accuracy: 50% halfway, 100% at the top.
        Assert.Contains("points=\"70,40 650,195\"", svg);
        Assert.Contains("points=\"70,195 650,40\"", svg);
        Assert.Contains("last 100.00%", svg);
        Assert.EndsWith("</svg>\n", svg);
        Assert.Throws<InvalidOperationException>(() => new TrainingHistory().ToSvg("empty"));
        var one = new TrainingHistory();
        one.Add(new EpochRecord(1, 0, 0, 1));
        Assert.Contains("points=\"360,350\"", one.ToSvg("one"));
    }
}

public class TrainingHistoryGoldenTests
{
    /// <summary>The whole SVG of a three-epoch history, compared with Golden/history.svg (REFERENCENN_UPDATE_GOLDEN=1 rewrites it).</summary>
    [Fact]
    public void ToSvg_ThreeEpochs_IsTheCommittedPlot()
    {
        var h = new TrainingHistory();
        h.Add(new EpochRecord(1, 0.0587412, 0.61, 3));  // ticks of the error axis with more than 4 significant digits
        h.Add(new EpochRecord(2, 0.05, 0.74, 3));
        h.Add(new EpochRecord(3, 0.04, 0.8123, 3));
        string svg = h.ToSvg("mnist-fc on fashion-mnist");
        string path = ReferenceNN.Verification.Support.Repository.PathOf("Verification/Cli/Data/Golden/history.svg");
        if (System.Environment.GetEnvironmentVariable("REFERENCENN_UPDATE_GOLDEN") == "1") System.IO.File.WriteAllText(path, svg);
        Assert.Equal(System.IO.File.ReadAllText(path), svg);
    }

    [Fact]
    public void ToSvg_NoEpochs_SaysSo()
    {
        Assert.Equal("TrainingHistory.ToSvg: there are no epochs to plot.",
            Assert.Throws<System.InvalidOperationException>(() => new TrainingHistory().ToSvg("x")).Message);
    }
}
