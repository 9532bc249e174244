using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ReferenceNN;
using ReferenceNN.FastKernels;

// Usage: dotnet Verification/Tools/bin/Release/net10.0/Tools.dll elementary FUNCTION [double|float|vector] < inputs > outputs
// FUNCTION is exp, expm1, log, log1p or tanh. Each input line is a bit pattern in hexadecimal (16 digits for
// double, 8 for float); each output line is the result's bit pattern in the same form, in the same order.
// "vector" (exp and tanh only): the vectorised kernels (FastKernels/ElementaryKernels) on all the inputs as one span,
// once at each vector width the machine offers; each output line holds one result per width, widest first, and
// stderr names the widths.
internal static class ElementaryRunner
{
    internal static int Run(string[] args)
    {
        if (args.Length < 1 || args.Length > 2)
        {
            Console.Error.WriteLine("usage: Tools elementary exp|expm1|log|log1p|tanh [double|float|vector] < hex-inputs");
            return 2;
        }

        if (args.Length == 2 && args[1] == "vector")
        {
            return RunVector(args[0]);
        }

        bool single = args.Length == 2 && args[1] == "float";
        Func<double, double>? f = args[0] switch
        {
            "exp" => Elementary.Exp,
            "expm1" => Elementary.ExpM1,
            "log" => Elementary.Log,
            "log1p" => Elementary.Log1P,
            "tanh" => Elementary.Tanh,
            _ => null,
        };
        Func<float, float>? g = args[0] switch
        {
            "exp" => Elementary.Exp,
            "expm1" => Elementary.ExpM1,
            "log" => Elementary.Log,
            "log1p" => Elementary.Log1P,
            "tanh" => Elementary.Tanh,
            _ => null,
        };
        if (f is null || g is null)
        {
            Console.Error.WriteLine($"unknown function {args[0]}");
            return 2;
        }

        using var input = new StreamReader(Console.OpenStandardInput(), bufferSize: 1 << 16);
        using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (single)
            {
                uint bits = uint.Parse(line, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                float y = g(BitConverter.UInt32BitsToSingle(bits));
                output.WriteLine(BitConverter.SingleToUInt32Bits(y).ToString("x8", CultureInfo.InvariantCulture));
            }
            else
            {
                ulong bits = ulong.Parse(line, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                double y = f(BitConverter.UInt64BitsToDouble(bits));
                output.WriteLine(BitConverter.DoubleToUInt64Bits(y).ToString("x16", CultureInfo.InvariantCulture));
            }
        }

        return 0;
    }

    private static int RunVector(string function)
    {
        if (function is not ("exp" or "tanh"))
        {
            Console.Error.WriteLine($"no vector kernel for {function} (exp and tanh have one)");
            return 2;
        }

        var inputs = new List<double>();
        using (var input = new StreamReader(Console.OpenStandardInput(), bufferSize: 1 << 16))
        {
            string? line;
            while ((line = input.ReadLine()) is not null)
            {
                if (line.Length > 0) inputs.Add(BitConverter.UInt64BitsToDouble(ulong.Parse(line, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
        }

        double[] x = inputs.ToArray();
        int[] widths = VectorWidth.Supported;
        var results = new double[widths.Length][];
        int original = VectorWidth.Current;
        for (int w = 0; w < widths.Length; w++)
        {
            VectorWidth.Current = widths[w];
            results[w] = new double[x.Length];
            int fromScalar = function == "exp" ? ElementaryKernels.Exp(x, results[w]) : ElementaryKernels.Tanh(x, results[w]);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"width {widths[w]}: {fromScalar} of {x.Length} elements from the scalar function"));
        }
        VectorWidth.Current = original;
        Console.Error.WriteLine("widths " + string.Join(" ", widths.Select(w => w.ToString(CultureInfo.InvariantCulture))));

        using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
        for (int n = 0; n < x.Length; n++)
        {
            output.WriteLine(string.Join(" ", results.Select(r => BitConverter.DoubleToUInt64Bits(r[n]).ToString("x16", CultureInfo.InvariantCulture))));
        }

        return 0;
    }
}
