using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ReferenceNN.Cli.Data;

/// <summary>One epoch of a training run.</summary>
/// <param name="Epoch">From 1.</param>
/// <param name="Error">The epoch's mean training error.</param>
/// <param name="TestAccuracy">The fraction of test images classified right after the epoch.</param>
/// <param name="Seconds">Wall-clock time of the epoch's training.</param>
internal readonly record struct EpochRecord(int Epoch, double Error, double TestAccuracy, double Seconds);

/// <summary>
/// The per-epoch history of a training run, written as CSV or as an SVG plot of the error and the test accuracy.
/// Docs: docs/Cli/Data/TrainingHistory.md.
/// </summary>
internal sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>The epochs so far.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>Adds an epoch.</summary>
    public void Add(EpochRecord record) => _epochs.Add(record);

    /// <summary><c>epoch,error,test_accuracy,seconds</c> and one line per epoch, numbers round-trippable.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("epoch,error,test_accuracy,seconds\n");
        foreach (EpochRecord e in _epochs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.Error.ToString(CultureInfo.InvariantCulture)},{e.TestAccuracy.ToString(CultureInfo.InvariantCulture)},{e.Seconds.ToString("F3", CultureInfo.InvariantCulture)}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// An SVG plot, 720×420: the training error (left axis, from 0) and the test accuracy (right axis, in %) against
    /// the epoch, each point marked (a circle for the error, a square for the accuracy), with a title and, between the
    /// title and the plot, a legend that no curve can cross. Every axis is ticked at round values, 1, 2 or 5 times a
    /// power of ten. The accuracy axis is fitted to the data (at least 4 points of % high, within 0–100%), or runs
    /// from 0 to 100% with <paramref name="fullAccuracyAxis"/>. A non-finite error or accuracy is left out of its
    /// curve, which is broken there.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    /// <exception cref="InvalidOperationException">There are no epochs.</exception>
    public string ToSvg(string title, bool fullAccuracyAxis = false)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (_epochs.Count == 0) throw new InvalidOperationException("TrainingHistory.ToSvg: there are no epochs to plot.");
        const double width = 720, height = 420, left = 72, right = 72, top = 64, bottom = 50;
        const string red = "#c0392b", blue = "#2471a3";
        double plotWidth = width - left - right, plotHeight = height - top - bottom, plotBottom = top + plotHeight;
        Axis error = Axis.FromZero(_epochs.Select(e => e.Error));
        Axis accuracy = fullAccuracyAxis ? new Axis(0, 100, 20) : Axis.Fitted(_epochs.Select(e => 100 * e.TestAccuracy), 4, 0, 100);
        int lastEpoch = _epochs[^1].Epoch;
        double X(double epoch) => left + (lastEpoch == 1 ? plotWidth / 2 : plotWidth * (epoch - 1) / (lastEpoch - 1));
        double Y(Axis axis, double value) => plotBottom - plotHeight * (value - axis.Min) / (axis.Max - axis.Min);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{Escape(title)}</text>""").Append('\n');

        // The legend, in its own band above the plot.
        svg.Append("<g class=\"legend\">\n");
        LegendItem(svg, left, 46, red, circle: true, "training error (left axis)");
        LegendItem(svg, width / 2 + 10, 46, blue, circle: false,
            $"test accuracy (right axis), last {F(100 * _epochs[^1].TestAccuracy, "F2")}%");
        svg.Append("</g>\n");

        svg.Append($"""<rect class="plot" x="{F(left)}" y="{F(top)}" width="{F(plotWidth)}" height="{F(plotHeight)}" fill="none" stroke="#888"/>""").Append('\n');
        svg.Append("<g class=\"error-axis\">\n");
        foreach (double tick in error.Ticks())
        {
            string y = F(Y(error, tick));
            svg.Append($"""<line x1="{F(left)}" y1="{y}" x2="{F(left + plotWidth)}" y2="{y}" stroke="#eee"/>""").Append('\n');
            svg.Append($"""<text x="{F(left - 6)}" y="{y}" text-anchor="end" dominant-baseline="middle" fill="{red}">{error.Label(tick)}</text>""").Append('\n');
        }
        svg.Append("</g>\n<g class=\"accuracy-axis\">\n");
        foreach (double tick in accuracy.Ticks())
        {
            string y = F(Y(accuracy, tick));
            svg.Append($"""<line x1="{F(left + plotWidth)}" y1="{y}" x2="{F(left + plotWidth + 4)}" y2="{y}" stroke="{blue}"/>""").Append('\n');
            svg.Append($"""<text x="{F(left + plotWidth + 7)}" y="{y}" dominant-baseline="middle" fill="{blue}">{accuracy.Label(tick)}%</text>""").Append('\n');
        }
        svg.Append("</g>\n<g class=\"epoch-axis\">\n");
        foreach (int epoch in EpochTicks(lastEpoch))
        {
            svg.Append($"""<line x1="{F(X(epoch))}" y1="{F(plotBottom)}" x2="{F(X(epoch))}" y2="{F(plotBottom + 4)}" stroke="#888"/>""").Append('\n');
            svg.Append($"""<text x="{F(X(epoch))}" y="{F(plotBottom + 18)}" text-anchor="middle">{epoch}</text>""").Append('\n');
        }
        svg.Append($"""<text x="{F(left + plotWidth / 2)}" y="{F(height - 10)}" text-anchor="middle">epoch</text>""").Append('\n');
        svg.Append("</g>\n");

        double radius = _epochs.Count > 50 ? 2 : 3.5;
        Series(svg, "error", red, _epochs.Select(e => (X(e.Epoch), e.Error)), value => Y(error, value),
            (x, y) => $"""<circle cx="{F(x)}" cy="{F(y)}" r="{F(radius)}" fill="{red}"/>""");
        Series(svg, "accuracy", blue, _epochs.Select(e => (X(e.Epoch), 100 * e.TestAccuracy)), value => Y(accuracy, value),
            (x, y) => $"""<rect x="{F(x - radius)}" y="{F(y - radius)}" width="{F(2 * radius)}" height="{F(2 * radius)}" fill="{blue}"/>""");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void LegendItem(StringBuilder svg, double x, double y, string color, bool circle, string text)
    {
        svg.Append($"""<line x1="{F(x)}" y1="{F(y)}" x2="{F(x + 24)}" y2="{F(y)}" stroke="{color}" stroke-width="2"/>""").Append('\n');
        svg.Append(circle
            ? $"""<circle cx="{F(x + 12)}" cy="{F(y)}" r="3.5" fill="{color}"/>"""
            : $"""<rect x="{F(x + 8.5)}" y="{F(y - 3.5)}" width="7" height="7" fill="{color}"/>""").Append('\n');
        svg.Append($"""<text x="{F(x + 30)}" y="{F(y)}" dominant-baseline="middle" fill="{color}">{Escape(text)}</text>""").Append('\n');
    }

    /// <summary>A curve (one polyline per run of finite values) and a marker on every finite point.</summary>
    private static void Series(StringBuilder svg, string name, string color, IEnumerable<(double X, double Value)> points,
        Func<double, double> y, Func<double, double, string> marker)
    {
        var runs = new List<List<(double X, double Y)>> { new() };
        foreach ((double x, double value) in points)
        {
            if (double.IsFinite(value)) runs[^1].Add((x, y(value)));
            else if (runs[^1].Count > 0) runs.Add([]);
        }
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"{name}\">\n");
        foreach (List<(double X, double Y)> run in runs.Where(r => r.Count > 1))
        {
            svg.Append($"""<polyline fill="none" stroke="{color}" stroke-width="2" points="{string.Join(" ", run.Select(p => $"{F(p.X)},{F(p.Y)}"))}"/>""").Append('\n');
        }
        foreach ((double x, double py) in runs.SelectMany(r => r)) svg.Append(marker(x, py)).Append('\n');
        svg.Append("</g>\n");
    }

    /// <summary>
    /// The multiples of a 1-2-5 step up to the last epoch (at most 8 intervals), and epoch 1 unless it would crowd the
    /// first multiple (closer than 0.6 of a step: 1 and 2 with a step of 2).
    /// </summary>
    internal static IEnumerable<int> EpochTicks(int lastEpoch)
    {
        int step = Math.Max(1, (int)Math.Round(Axis.NiceStep(Math.Max(lastEpoch - 1, 1), 8)));
        if (step == 1 || step - 1 >= 0.6 * step) yield return 1;
        for (int epoch = step; epoch <= lastEpoch; epoch += step)
        {
            if (epoch > 1) yield return epoch;
        }
    }

    /// <summary>An axis from <see cref="Min"/> to <see cref="Max"/>, both multiples of <see cref="Step"/>, a round step: 1, 2 or 5 times a power of ten.</summary>
    internal readonly record struct Axis(double Min, double Max, double Step)
    {
        /// <summary>The smallest step 1, 2 or 5 × 10ⁿ that divides <paramref name="span"/> into at most <paramref name="maxTicks"/> intervals.</summary>
        public static double NiceStep(double span, int maxTicks)
        {
            double raw = span / maxTicks;
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            foreach (double multiple in new[] { 1.0, 2, 5 })
            {
                if (multiple * magnitude >= raw * (1 - 1e-12)) return multiple * magnitude;
            }
            return 10 * magnitude;
        }

        /// <summary>From 0 (or a lower value) up to the largest finite value rounded up to the step; 0 to 1 if there is none above 0.</summary>
        public static Axis FromZero(IEnumerable<double> values)
        {
            double[] finite = values.Where(double.IsFinite).ToArray();
            double max = finite.Length == 0 ? 0 : finite.Max(), min = finite.Length == 0 ? 0 : Math.Min(0, finite.Min());
            if (!(max > min)) return new Axis(0, 1, 0.2);
            double step = NiceStep(max - min, 5);
            return new Axis(Math.Floor(min / step + 1e-9) * step, Math.Ceiling(max / step - 1e-9) * step, step);
        }

        /// <summary>Around the finite values, at least <paramref name="minimumSpan"/> wide, rounded out to the step, within [floor, ceiling].</summary>
        public static Axis Fitted(IEnumerable<double> values, double minimumSpan, double floor, double ceiling)
        {
            double[] finite = values.Where(double.IsFinite).ToArray();
            if (finite.Length == 0) return new Axis(floor, ceiling, NiceStep(ceiling - floor, 5));
            double low = finite.Min(), high = finite.Max();
            if (high - low < minimumSpan)
            {
                double middle = (low + high) / 2;
                (low, high) = (middle - minimumSpan / 2, middle + minimumSpan / 2);
            }
            double step = NiceStep(high - low, 5);
            return new Axis(Math.Max(floor, Math.Floor(low / step + 1e-9) * step), Math.Min(ceiling, Math.Ceiling(high / step - 1e-9) * step), step);
        }

        /// <summary>The multiples of the step from Min to Max.</summary>
        public IEnumerable<double> Ticks()
        {
            long first = (long)Math.Round(Min / Step), last = (long)Math.Round(Max / Step);
            for (long k = first; k <= last; k++) yield return k * Step;
        }

        /// <summary>A tick's label with as many decimals as the step has (0.05 → 2), in scientific notation below 10⁻⁶.</summary>
        public string Label(double tick)
        {
            int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
            return decimals > 6 ? tick.ToString("0.##E+0", CultureInfo.InvariantCulture) : tick.ToString("F" + decimals, CultureInfo.InvariantCulture);
        }
    }

    private static string F(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
