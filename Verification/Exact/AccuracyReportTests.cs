using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Exact;

/// <summary>
/// Measures every accuracy check of <see cref="Accuracy"/> over random cases (plus the fixed points), asserts each
/// stays within its bound, and writes the table of docs/Verification/Accuracy.md to <c>accuracy.md</c> beside the test
/// assembly. Every run measures 100 cases per check; <c>REFERENCENN_ACCURACY_CASES=n</c> measures n, as the table in
/// the docs was (20,000, about five minutes).
/// </summary>
public class AccuracyReportTests
{
    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "accuracy.md");

    /// <summary>A table cell: a | inside it (an absolute value) escaped.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    [Fact]
    public void EveryCheck_StaysWithinItsBound_AndTheTableIsWritten()
    {
        string? requested = Environment.GetEnvironmentVariable("REFERENCENN_ACCURACY_CASES");
        int cases = requested is null ? 100 : int.Parse(requested, CultureInfo.InvariantCulture);
        var random = new Rng(Streams.ForRun(nameof(EveryCheck_StaysWithinItsBound_AndTheTableIsWritten)).Input);
        Measurement[] measurements = Accuracy.All.Select(check => check.Measure(random, cases)).ToArray();

        var table = new StringBuilder();
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"REFERENCENN_SEED={Seeds.Run}, {cases} random cases per check"));
        table.AppendLine();
        table.AppendLine("| function | domain | values | worst error | where | bound enforced |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (Measurement m in measurements)
        {
            string unit = Cell(m.Unit);
            string bound = double.IsPositiveInfinity(m.Bound) ? "none (finding)" : string.Create(CultureInfo.InvariantCulture, $"{m.Bound} {unit}");
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Cell(m.Function)} | {Cell(m.Domain)} | {m.Cases} | {m.WorstUlps:0.###} {unit} | {Cell(m.WorstAt)} | {bound} |"));
        }
        File.WriteAllText(FilePath, table.ToString());

        Measurement[] outside = measurements.Where(m => !m.WithinBound).ToArray();
        Assert.True(outside.Length == 0, "outside their bounds:\n" + string.Join("\n", outside.Select(m => m.ToString())));
    }
}
