using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ReferenceNN.Checking;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// Collects the worst relative error each gradient property saw and keeps them in <c>worst-errors.tsv</c> beside
/// the test assembly; <c>.ci/run</c> prints the file, so the worst error across the property runs is in the log.
/// </summary>
public static class WorstErrors
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, (double Worst, int Cases)> Entries = new();

    /// <summary>The file the table is written to.</summary>
    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "worst-errors.tsv");

    /// <summary>Records one case's report under the property's name.</summary>
    public static void Record(string property, GradientCheckReport report) => Record(property, report.WorstRelativeError);

    /// <summary>Records one case's worst relative error under the property's name.</summary>
    public static void Record(string property, double worstRelativeError)
    {
        lock (Gate)
        {
            Entries.TryGetValue(property, out var entry);
            Entries[property] = (Math.Max(entry.Worst, worstRelativeError), entry.Cases + 1);
            File.WriteAllLines(FilePath, Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e =>
                string.Create(CultureInfo.InvariantCulture, $"{e.Key}\t{e.Value.Cases}\t{e.Value.Worst:E3}")));
        }
    }
}
