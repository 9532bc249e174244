using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ReferenceNN.Cli.Data;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli.Data;

public class TrainingHistoryTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>A history of the given (error, accuracy) epochs, numbered from 1.</summary>
    internal static TrainingHistory History(params (double Error, double Accuracy)[] epochs)
    {
        var h = new TrainingHistory();
        for (int n = 0; n < epochs.Length; n++) h.Add(new EpochRecord(n + 1, epochs[n].Error, epochs[n].Accuracy, 1));
        return h;
    }

    private static XElement Group(XElement svg, string name) =>
        svg.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == name);

    private static string[] Labels(XElement svg, string axis) =>
        Group(svg, axis).Elements(Svg + "text").Select(t => t.Value).ToArray();

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static (double Left, double Top, double Right, double Bottom) PlotRect(XElement svg)
    {
        XElement rect = svg.Elements(Svg + "rect").Single(r => (string?)r.Attribute("class") == "plot");
        double x = Number(rect, "x"), y = Number(rect, "y");
        return (x, y, x + Number(rect, "width"), y + Number(rect, "height"));
    }

    /// <summary>Marker centres of a series: circles (error) or squares (accuracy).</summary>
    private static (double X, double Y)[] Markers(XElement svg, string series) =>
        Group(svg, series).Elements().Where(e => e.Name != Svg + "polyline").Select(e => e.Name == Svg + "circle"
            ? (Number(e, "cx"), Number(e, "cy"))
            : (Number(e, "x") + Number(e, "width") / 2, Number(e, "y") + Number(e, "height") / 2)).ToArray();

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
    public void ToSvg_TicksAreRoundValues_ErrorFromZero_AccuracyFittedToTheData()
    {
        // The error's maximum 0.0587412 once gave ticks 0.01469, 0.02937…; the accuracy 61–81.23% sat in a 0–100% axis.
        XElement svg = XElement.Parse(History((0.0587412, 0.61), (0.05, 0.74), (0.04, 0.8123)).ToSvg("t"));
        Assert.Equal(["0.00", "0.02", "0.04", "0.06"], Labels(svg, "error-axis"));
        Assert.Equal(["60%", "65%", "70%", "75%", "80%", "85%"], Labels(svg, "accuracy-axis"));
        Assert.Equal(["1", "2", "3", "epoch"], Labels(svg, "epoch-axis"));
    }

    [Fact]
    public void ToSvg_FullAccuracyAxis_RunsFrom0To100Percent()
    {
        XElement svg = XElement.Parse(History((0.4, 0.5), (0.2, 1.0)).ToSvg("t", fullAccuracyAxis: true));
        Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%"], Labels(svg, "accuracy-axis"));
        (double left, double top, double right, double bottom) = PlotRect(svg);
        // Worked out by hand: 50% halfway up, 100% at the top, epochs 1 and 2 at the two sides.
        Assert.Equal([(left, (top + bottom) / 2), (right, top)], Markers(svg, "accuracy"));
        // The error axis is 0 to 0.4 in steps of 0.1: 0.4 at the top, 0.2 halfway.
        Assert.Equal([(left, top), (right, (top + bottom) / 2)], Markers(svg, "error"));
    }

    [Fact]
    public void ToSvg_FittedAccuracyAxis_IsAtLeastFourPointsHighAndWithin0To100()
    {
        Assert.Equal(["33%", "34%", "35%", "36%", "37%"], Labels(XElement.Parse(History((0.2, 0.35)).ToSvg("t")), "accuracy-axis"));
        Assert.Equal(["97%", "98%", "99%", "100%"], Labels(XElement.Parse(History((0.2, 0.995), (0.1, 1.0)).ToSvg("t")), "accuracy-axis"));
        Assert.Equal(["0%", "1%", "2%", "3%"], Labels(XElement.Parse(History((0.2, 0.0), (0.1, 0.01)).ToSvg("t")), "accuracy-axis"));
    }

    [Fact]
    public void ToSvg_LegendIsOutsideThePlot_AndEveryPointInside()
    {
        XElement svg = XElement.Parse(History((0.3, 0.2), (0.1, 0.9), (0.25, 0.4), (0.05, 0.95)).ToSvg("t"));
        (double left, double top, double right, double bottom) = PlotRect(svg);
        XElement legend = Group(svg, "legend");
        Assert.Equal(6, legend.Elements().Count());
        foreach (XElement e in legend.Elements())
        {
            double y = e.Attribute("y") is not null ? Number(e, "y") : e.Attribute("cy") is not null ? Number(e, "cy") : Number(e, "y1");
            Assert.True(y + 8 < top, $"legend element {e} reaches into the plot (top {top})");
        }
        foreach ((double x, double y) in Markers(svg, "error").Concat(Markers(svg, "accuracy")))
        {
            Assert.InRange(x, left, right);
            Assert.InRange(y, top, bottom);
        }
    }

    [Fact]
    public void ToSvg_MarksEveryPoint_EvenOfAOneEpochRun()
    {
        XElement three = XElement.Parse(History((0.3, 0.2), (0.1, 0.9), (0.05, 0.95)).ToSvg("t"));
        Assert.Equal(3, Markers(three, "error").Length);
        Assert.Equal(3, Markers(three, "accuracy").Length);
        Assert.Single(Group(three, "error").Elements(Svg + "polyline"));
        XElement one = XElement.Parse(History((0.3, 0.2)).ToSvg("t"));
        (double left, _, double right, _) = PlotRect(one);
        Assert.Equal((left + right) / 2, Assert.Single(Markers(one, "error")).X);
        Assert.Single(Markers(one, "accuracy"));
        Assert.Empty(Group(one, "error").Elements(Svg + "polyline"));
    }

    [Fact]
    public void ToSvg_NonFiniteError_BreaksTheCurveAndIsNotPlotted()
    {
        string text = History((0.3, 0.5), (double.NaN, double.NaN), (0.2, 0.7), (0.1, 0.8)).ToSvg("t");
        XElement svg = XElement.Parse(text);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        Assert.Equal(3, Markers(svg, "error").Length);
        Assert.Single(Group(svg, "error").Elements(Svg + "polyline"));   // the run 0.2, 0.1; 0.3 stands alone
        Assert.Equal(3, Markers(svg, "accuracy").Length);
        Assert.Equal(["0.0", "0.1", "0.2", "0.3"], Labels(svg, "error-axis"));
    }

    [Fact]
    public void ToSvg_ArgumentsAndEscaping()
    {
        string svg = History((0.4, 0.5)).ToSvg("a <title> & more");
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"420\"", svg);
        Assert.Contains(">a &lt;title&gt; &amp; more</text>", svg);
        Assert.Contains("last 50.00%", svg);
        Assert.EndsWith("</svg>\n", svg);
        Assert.Throws<ArgumentNullException>(() => History((0.4, 0.5)).ToSvg(null!));
        Assert.Equal("TrainingHistory.ToSvg: there are no epochs to plot.",
            Assert.Throws<InvalidOperationException>(() => new TrainingHistory().ToSvg("x")).Message);
    }

    [Theory]
    [InlineData(0.0587412, 5, 0.02)]
    [InlineData(20.23, 5, 5)]
    [InlineData(1, 5, 0.2)]
    [InlineData(4, 5, 1)]
    [InlineData(34, 10, 5)]
    [InlineData(99, 10, 10)]
    [InlineData(100, 5, 20)]
    [InlineData(101, 5, 50)]
    [InlineData(2e-12, 5, 5e-13)]
    public void NiceStep_IsTheSmallest125StepWithinTheTickCount(double span, int maxTicks, double step)
    {
        Assert.Equal(step, TrainingHistory.Axis.NiceStep(span, maxTicks), 1e-12 * step);
    }

    [Fact]
    public void NiceStep_OnRandomSpans_IsOneTwoOrFiveTimesAPowerOfTen_AndTheSmallestThatFits()
    {
        var random = new System.Random(20260514);
        for (int n = 0; n < 10_000; n++)
        {
            double span = Math.Pow(10, random.NextDouble() * 16 - 8);
            int maxTicks = random.Next(2, 12);
            double step = TrainingHistory.Axis.NiceStep(span, maxTicks);
            double exponent = Math.Floor(Math.Log10(step) + 1e-9), mantissa = step / Math.Pow(10, exponent);
            Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2, 5 });
            Assert.True(span / step <= maxTicks * (1 + 1e-9), $"span {span} in steps of {step}: more than {maxTicks} intervals");
            double smaller = mantissa == 1 ? 0.5 * step : mantissa == 2 ? step / 2 : 0.4 * step;
            Assert.True(span / smaller > maxTicks * (1 - 1e-9), $"span {span}: {smaller} would also fit in {maxTicks}");
        }
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(8, new[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData(9, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData(11, new[] { 2, 4, 6, 8, 10 })]
    [InlineData(20, new[] { 1, 5, 10, 15, 20 })]
    [InlineData(35, new[] { 1, 5, 10, 15, 20, 25, 30, 35 })]
    [InlineData(100, new[] { 1, 20, 40, 60, 80, 100 })]
    public void EpochTicks_AreRoundMultiples_AndEpochOneWhereItDoesNotCrowdThem(int lastEpoch, int[] ticks)
    {
        Assert.Equal(ticks, TrainingHistory.EpochTicks(lastEpoch));
    }

    [Theory]
    [InlineData(0.05, 0.15, "0.15")]
    [InlineData(5, 85, "85")]
    [InlineData(0.5, 97.5, "97.5")]
    [InlineData(2e-13, 4e-13, "4E-13")]
    public void AxisLabel_HasTheStepsDecimals(double step, double tick, string label)
    {
        Assert.Equal(label, new TrainingHistory.Axis(0, 1, step).Label(tick));
    }
}

public class TrainingHistoryGoldenTests
{
    private const string Red = "#c0392b", Blue = "#2471a3";

    private static string ThreeEpochs() =>
        TrainingHistoryTests.History((0.0587412, 0.61), (0.05, 0.74), (0.04, 0.8123)).ToSvg("mnist-fc on fashion-mnist");

    /// <summary>The whole SVG of a three-epoch history, compared with Golden/history.svg (see <see cref="Golden"/> to accept a change).</summary>
    [Fact]
    public void ToSvg_ThreeEpochs_IsTheCommittedPlot() => Golden.AssertMatches("Verification/Cli/Data/Golden/history.svg", ThreeEpochs());

    /// <summary>
    /// What a reader sees: the plot rendered by rsvg-convert, pixel by pixel against Golden/history.png, allowing 0.5%
    /// of the pixels to differ by more than 48 of 255 in a channel (a font's anti-aliasing); fails without rsvg-convert.
    /// </summary>
    [Fact]
    public void ToSvg_ThreeEpochs_RendersAsTheCommittedImage()
    {
        byte[] rendered = Png.Render(ThreeEpochs());
        string path = Repository.PathOf("Verification/Cli/Data/Golden/history.png");
        Image actual = Png.Decode(rendered), golden = Png.Decode(File.ReadAllBytes(path));
        Assert.Equal((720, 420), (golden.Width, golden.Height));
        Assert.Equal((golden.Width, golden.Height), (actual.Width, actual.Height));
        Assert.Equal((255, 255, 255, 255), golden.At(1, 1));
        Assert.True(Count(golden, Red, 0, 0, golden.Width, golden.Height) > 500, "the golden image has almost no red: is it the plot?");
        int different = 0;
        for (int n = 0; n < actual.Rgba.Length; n += 4)
        {
            int worst = 0;
            for (int c = 0; c < 4; c++) worst = Math.Max(worst, Math.Abs(actual.Rgba[n + c] - golden.Rgba[n + c]));
            if (worst > 48) different++;
        }
        string saved = different > actual.Width * actual.Height / 200
            ? Golden.SaveActual("Verification/Cli/Data/Golden/history.png", rendered)
            : "";
        Assert.True(different <= actual.Width * actual.Height / 200,
            $"{different} of {actual.Width * actual.Height} pixels differ from Golden/history.png; the rendering is in {saved}");
    }

    /// <summary>A one-epoch run once drew nothing: rendered, its point must show in both colours at the plot's centre.</summary>
    [Fact]
    public void ToSvg_OneEpoch_RendersAVisiblePointOfEachSeries()
    {
        Image image = Png.Decode(Png.Render(TrainingHistoryTests.History((0.3, 0.4)).ToSvg("one epoch")));
        // The plot spans x 72–648, so epoch 1 of 1 sits at x = 360; the error, its maximum, on the top edge (y = 64);
        // the legend's line is at y = 46, and nothing of it lies above x = 354.
        Assert.True(Count(image, Red, 354, 56, 367, 370) >= 20, "no visible error point");
        Assert.True(Count(image, Blue, 354, 56, 367, 370) >= 20, "no visible accuracy point");
        Assert.Equal(0, Count(image, Red, 100, 64, 340, 370));   // nothing else red in the plot: no stray curve
    }

    /// <summary>
    /// The plots in docs/images are the plots of the histories in docs/results (written by the commands in
    /// docs/Performance.md), drawn by today's code (see <see cref="Golden"/> to accept a change).
    /// </summary>
    [Theory]
    [InlineData("mnist-fc-fashion-60000")]
    [InlineData("mnist-conv-fashion-60000")]
    public void DocsImages_AreThePlotsOfTheCommittedHistories(string name)
    {
        var history = new TrainingHistory();
        foreach (string line in File.ReadAllLines(Repository.PathOf($"docs/results/{name}.csv"))[1..])
        {
            string[] f = line.Split(',');
            history.Add(new EpochRecord(int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)));
        }
        string path = Repository.PathOf($"docs/images/{name}.svg");
        string title = XElement.Parse(File.ReadAllText(path)).Elements().First(e => e.Name.LocalName == "text").Value;
        Assert.Equal($"{name.Split('-')[0]}-{name.Split('-')[1]} on fashion-mnist: 60000 training images, α = 0.1", title);
        Golden.AssertMatches($"docs/images/{name}.svg", history.ToSvg(title));
    }

    /// <summary>Pixels within 40 of <paramref name="color"/> in every channel, in [x0, x1) × [y0, y1).</summary>
    private static int Count(Image image, string color, int x0, int y0, int x1, int y1)
    {
        int r = Convert.ToInt32(color[1..3], 16), g = Convert.ToInt32(color[3..5], 16), b = Convert.ToInt32(color[5..7], 16);
        int count = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                var p = image.At(x, y);
                if (Math.Abs(p.R - r) <= 40 && Math.Abs(p.G - g) <= 40 && Math.Abs(p.B - b) <= 40 && p.A > 200) count++;
            }
        }
        return count;
    }
}
