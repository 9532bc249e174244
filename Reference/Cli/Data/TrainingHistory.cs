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
/// Docs: docs/Data/TrainingHistory.md.
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
    /// An SVG plot, 720×400: the training error (left axis, from 0 to its maximum) and the test accuracy (right axis,
    /// 0–100%) against the epoch, with a title.
    /// </summary>
    /// <exception cref="InvalidOperationException">There are no epochs.</exception>
    public string ToSvg(string title)
    {
        if (_epochs.Count == 0) throw new InvalidOperationException("TrainingHistory.ToSvg: there are no epochs to plot.");
        const double width = 720, height = 400, left = 70, right = 70, top = 40, bottom = 50;
        double plotWidth = width - left - right, plotHeight = height - top - bottom;
        double maxError = Math.Max(_epochs.Max(e => e.Error), 1e-12);
        int lastEpoch = _epochs[^1].Epoch;
        string X(int epoch) => F(left + (lastEpoch == 1 ? plotWidth / 2 : plotWidth * (epoch - 1) / (lastEpoch - 1)));
        string YError(double error) => F(top + plotHeight * (1 - error / maxError));
        string YAccuracy(double accuracy) => F(top + plotHeight * (1 - accuracy));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{Escape(title)}</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{left}" y="{top}" width="{plotWidth}" height="{plotHeight}" fill="none" stroke="#888"/>""").Append('\n');
        for (int tick = 0; tick <= 4; tick++)
        {
            double fraction = tick / 4.0;
            string y = F(top + plotHeight * (1 - fraction));
            svg.Append($"""<line x1="{F(left)}" y1="{y}" x2="{F(left + plotWidth)}" y2="{y}" stroke="#eee"/>""").Append('\n');
            svg.Append($"""<text x="{F(left - 6)}" y="{y}" text-anchor="end" dominant-baseline="middle" fill="#c0392b">{F(maxError * fraction, "G4")}</text>""").Append('\n');
            svg.Append($"""<text x="{F(left + plotWidth + 6)}" y="{y}" dominant-baseline="middle" fill="#2471a3">{25 * tick}%</text>""").Append('\n');
        }
        foreach (int epoch in new[] { 1, (lastEpoch + 1) / 2, lastEpoch }.Distinct())
        {
            svg.Append($"""<text x="{X(epoch)}" y="{F(top + plotHeight + 18)}" text-anchor="middle">{epoch}</text>""").Append('\n');
        }
        svg.Append($"""<text x="{F(left + plotWidth / 2)}" y="{F(height - 10)}" text-anchor="middle">epoch</text>""").Append('\n');
        svg.Append($"""<polyline fill="none" stroke="#c0392b" stroke-width="2" points="{string.Join(" ", _epochs.Select(e => $"{X(e.Epoch)},{YError(e.Error)}"))}"/>""").Append('\n');
        svg.Append($"""<polyline fill="none" stroke="#2471a3" stroke-width="2" points="{string.Join(" ", _epochs.Select(e => $"{X(e.Epoch)},{YAccuracy(e.TestAccuracy)}"))}"/>""").Append('\n');
        svg.Append($"""<text x="{F(left + 8)}" y="{F(top + 16)}" fill="#c0392b">training error (left)</text>""").Append('\n');
        svg.Append($"""<text x="{F(left + 8)}" y="{F(top + 32)}" fill="#2471a3">test accuracy (right), last {F(100 * _epochs[^1].TestAccuracy, "F2")}%</text>""").Append('\n');
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string F(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
