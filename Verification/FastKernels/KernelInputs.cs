using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ReferenceNN.Verification.Support;
using Table = ReferenceNN.Verification.Elementary.Cases;

namespace ReferenceNN.Verification.FastKernels;

/// <summary>
/// Inputs for the vectorised elementary functions and the activation kernels: any bit pattern, the neural-network
/// ranges ±5 and ±40, the whole finite domain, the special values and thresholds with their neighbours, the published
/// hard-to-round cases (Verification/Elementary/worstcases/) and the inputs of the mpmath table
/// (Verification/Elementary/ElementaryCases.csv), and magnitudes over seventy binades. Always from a caller's seeded
/// generator.
/// </summary>
public static class KernelInputs
{
    private static readonly Dictionary<string, Lazy<double[]>> Hard = new()
    {
        ["exp"] = new(() => ReadWorstCases("exp")),
        ["tanh"] = new(() => ReadWorstCases("tanh")),
    };

    private static readonly Dictionary<string, Lazy<double[]>> TableInputs = new()
    {
        ["exp"] = new(() => Table.For("exp").Select(c => c.Input).ToArray()),
        ["tanh"] = new(() => Table.For("tanh").Select(c => c.Input).ToArray()),
    };

    /// <summary>The hard-to-round inputs of <paramref name="function"/> ("exp" or "tanh"), as listed in worstcases/.</summary>
    public static double[] HardCases(string function) => Hard[function].Value;

    /// <summary>The inputs of the mpmath table for <paramref name="function"/>.</summary>
    public static double[] TableCases(string function) => TableInputs[function].Value;

    /// <summary>
    /// Special values, every threshold of the scalar function and of the kernels' vector domains, and the doubles on
    /// either side of each.
    /// </summary>
    public static double[] Specials(string function)
    {
        double[] common =
        [
            0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -double.NaN,
            BitConverter.UInt64BitsToDouble(0x7FF0000000000001UL), BitConverter.UInt64BitsToDouble(0xFFF8000000000123UL),
            double.Epsilon, -double.Epsilon, BitConverter.UInt64BitsToDouble(0x000FFFFFFFFFFFFFUL), 2.2250738585072014e-308,
            -2.2250738585072014e-308, double.MaxValue, -double.MaxValue, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0,
        ];
        double[] thresholds = function == "exp"
            ?
            [
                Math.ScaleB(1, -54), -Math.ScaleB(1, -54), Math.ScaleB(1, -53), -707, 709, 709.782712893384, 710,
                -708.3964185322641, -745.1332191019411, -745.1332191019412, -746, -744.4400719213812, Math.ScaleB(1, -13),
                -Math.ScaleB(1, -13), 353.5, -353.5, 354.5, -354.5, 707, -709,
            ]
            :
            [
                Math.ScaleB(1, -27), -Math.ScaleB(1, -27), Math.ScaleB(1, -26), -Math.ScaleB(1, -26), 1.0 / 256, -1.0 / 256,
                19.1, -19.1, 19.061547465398498, -19.061547465398498, 1e300, -1e300, 0.55, -0.55,
            ];
        var all = new List<double>(common);
        foreach (double t in thresholds)
        {
            all.Add(t);
            all.Add(Math.BitIncrement(t));
            all.Add(Math.BitDecrement(t));
        }
        return all.ToArray();
    }

    /// <summary>One input for <paramref name="function"/>, from one of eight families chosen at random.</summary>
    public static double Draw(Rng random, string function) => random.Next(8) switch
    {
        0 => BitConverter.UInt64BitsToDouble(random.NextUInt64()),
        1 => 10 * random.NextDouble() - 5,
        2 => 80 * random.NextDouble() - 40,
        3 => function == "exp" ? 1465 * random.NextDouble() - 750 : 50 * random.NextDouble() - 25,
        4 => Pick(random, Specials(function)),
        5 => Pick(random, HardCases(function)),
        6 => Pick(random, TableCases(function)),
        _ => (random.Next(2) == 0 ? -1 : 1) * Math.ScaleB(1 + random.NextDouble(), random.Next(-60, 10)),
    };

    /// <summary><paramref name="count"/> inputs from <see cref="Draw"/>.</summary>
    public static double[] Values(int count, Rng random, string function)
    {
        var values = new double[count];
        for (int n = 0; n < count; n++) values[n] = Draw(random, function);
        return values;
    }

    /// <summary>
    /// <paramref name="count"/> inputs for a large sweep: a quarter each uniform on ±5 and on ±40 (the neural-network
    /// ranges), uniform over the function's finite domain, and random bit patterns (uniform in exponent and mantissa).
    /// </summary>
    public static double[] Sweep(int count, Rng random, string function)
    {
        var values = new double[count];
        for (int n = 0; n < count; n++)
        {
            values[n] = (n & 3) switch
            {
                0 => 10 * random.NextDouble() - 5,
                1 => 80 * random.NextDouble() - 40,
                2 => function == "exp" ? 1465 * random.NextDouble() - 750 : 50 * random.NextDouble() - 25,
                _ => BitConverter.UInt64BitsToDouble(random.NextUInt64()),
            };
        }
        return values;
    }

    /// <summary>Bitwise equality of every element, NaN payloads included.</summary>
    public static bool SameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length) return false;
        for (int n = 0; n < expected.Length; n++)
        {
            if (BitConverter.DoubleToUInt64Bits(expected[n]) != BitConverter.DoubleToUInt64Bits(actual[n])) return false;
        }
        return true;
    }

    /// <summary>An array of <paramref name="count"/> NaNs: a kernel that skips an element leaves one behind.</summary>
    public static double[] Garbage(int count)
    {
        var values = new double[count];
        Array.Fill(values, BitConverter.UInt64BitsToDouble(0x7FF4000000000BADUL));
        return values;
    }

    /// <summary>A C99 hexadecimal floating-point literal such as <c>-0x1.0122ef37212ebp-1</c> or <c>0x0.1bc6p-1022</c>.</summary>
    public static double ParseHex(string text)
    {
        bool negative = text.StartsWith('-');
        string body = negative ? text[1..] : text;
        if (!body.StartsWith("0x", StringComparison.Ordinal)) throw new FormatException($"not a hexadecimal float: {text}");
        int p = body.IndexOf('p');
        string digits = body[2..p];
        int exponent = int.Parse(body[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = digits.IndexOf('.');
        string fraction = dot < 0 ? "" : digits[(dot + 1)..];
        ulong mantissa = ulong.Parse(digits.Replace(".", ""), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (mantissa >= 1UL << 53) throw new FormatException($"more than 53 bits: {text}");
        double value = Math.ScaleB(mantissa, exponent - 4 * fraction.Length); // exact: 53 bits, then one scaling
        return negative ? -value : value;
    }

    private static double[] ReadWorstCases(string function) =>
        File.ReadLines(Repository.PathOf($"Verification/Elementary/worstcases/{function}.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(ParseHex)
            .ToArray();

    private static double Pick(Rng random, double[] values) => values[random.Next(values.Length)];
}
