using System.Linq;
using System;
using System.Globalization;
using System.Text;

namespace ReferenceNN.Cli.Data;

/// <summary>
/// Counts of (true class, predicted class) over a test set, with the accuracy. The predicted class of an output is the
/// index of its largest element (the first one on a tie). Docs: docs/Data/ConfusionMatrix.md.
/// </summary>
internal sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    /// <summary>Creates an empty matrix for <paramref name="classes"/> classes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is below 2.</exception>
    public ConfusionMatrix(int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "ConfusionMatrix: at least 2 classes.");
        _counts = new int[classes, classes];
    }

    /// <summary>The number of classes.</summary>
    public int Classes => _counts.GetLength(0);

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>The number of samples counted.</summary>
    public int Total { get; private set; }

    /// <summary>The number predicted right.</summary>
    public int Correct { get; private set; }

    /// <summary>Correct / Total (0 when empty).</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>The index of the largest element (the first, on a tie).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public static int ArgMax(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ReadOnlySpan<double> values = output.Span;
        int best = 0;
        for (int n = 1; n < values.Length; n++) if (values[n] > values[best]) best = n;
        return best;
    }

    /// <summary>Counts one sample.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside [0, <see cref="Classes"/>).</exception>
    /// <summary>How many different classes were predicted at least once.</summary>
    public int PredictedClasses => Enumerable.Range(0, Classes).Count(p => Enumerable.Range(0, Classes).Any(a => _counts[a, p] > 0));

    /// <summary>How many different classes the images actually belong to.</summary>
    public int ActualClasses => Enumerable.Range(0, Classes).Count(a => Enumerable.Range(0, Classes).Any(p => _counts[a, p] > 0));

    public void Add(int actual, int predicted)
    {
        if ((uint)actual >= (uint)Classes) throw new ArgumentOutOfRangeException(nameof(actual), actual, $"ConfusionMatrix: class {actual} of {Classes}.");
        if ((uint)predicted >= (uint)Classes) throw new ArgumentOutOfRangeException(nameof(predicted), predicted, $"ConfusionMatrix: class {predicted} of {Classes}.");
        _counts[actual, predicted]++;
        Total++;
        if (actual == predicted) Correct++;
    }

    /// <summary>The matrix as a table: a row per true class, a column per prediction, with the classes' names if given.</summary>
    public string ToString(string[]? names)
    {
        int width = 6;
        foreach (int count in _counts) width = Math.Max(width, count.ToString(CultureInfo.InvariantCulture).Length + 1);
        var text = new StringBuilder();
        const string corner = "true \\ predicted";
        int label = corner.Length;
        if (names is not null) foreach (string name in names) label = Math.Max(label, name.Length + 3);
        text.Append(corner.PadRight(label + 2));
        for (int p = 0; p < Classes; p++) text.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        text.Append('\n');
        for (int a = 0; a < Classes; a++)
        {
            string row = names is not null && a < names.Length ? $"{a} {names[a]}" : a.ToString(CultureInfo.InvariantCulture);
            text.Append(row.PadRight(label + 2));
            for (int p = 0; p < Classes; p++) text.Append(_counts[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToString(null);
}
