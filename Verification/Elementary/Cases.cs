using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ReferenceNN.Verification.Elementary;

/// <summary>
/// The committed table ElementaryCases.csv: inputs and correctly rounded results computed by mpmath
/// (Verification/elementary_mpmath.py): special values, published hard-to-round cases, random inputs.
/// </summary>
internal static class Cases
{
    private static readonly Lazy<List<(string Function, string Kind, ulong Input, ulong Expected)>> All = new(Load);

    public static IEnumerable<(string Kind, double Input, double Expected)> For(string function) =>
        All.Value.Where(c => c.Function == function)
            .Select(c => (c.Kind, BitConverter.UInt64BitsToDouble(c.Input), BitConverter.UInt64BitsToDouble(c.Expected)));

    /// <summary>Checks f against every case of the function; returns the failures as readable lines (empty when all pass).</summary>
    public static List<string> Failures(string function, Func<double, double> f)
    {
        var failures = new List<string>();
        foreach (var (kind, x, expected) in For(function))
        {
            double got = f(x);
            if (!SameResult(expected, got))
            {
                failures.Add($"{function}({Show(x)}) [{kind}]: expected {Show(expected)}, got {Show(got)}");
            }
        }

        return failures;
    }

    /// <summary>Bitwise equality, except that any NaN equals any NaN.</summary>
    public static bool SameResult(double expected, double got) =>
        double.IsNaN(expected) ? double.IsNaN(got) : BitConverter.DoubleToUInt64Bits(expected) == BitConverter.DoubleToUInt64Bits(got);

    public static string Show(double x) =>
        $"{BitConverter.DoubleToUInt64Bits(x):x16} ({x.ToString("R", CultureInfo.InvariantCulture)})";

    private static List<(string, string, ulong, ulong)> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Elementary", "ElementaryCases.csv");
        var cases = new List<(string, string, ulong, ulong)>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] parts = line.Split(',');
            cases.Add((parts[0], parts[1], ulong.Parse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(parts[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }

        return cases;
    }
}
