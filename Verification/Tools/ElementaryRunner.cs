using System;
using System.Globalization;
using System.IO;
using ReferenceNN;

// Usage: dotnet Verification/Tools/bin/Release/net10.0/Tools.dll elementary FUNCTION [double|float] < inputs > outputs
// FUNCTION is exp, expm1, log, log1p or tanh. Each input line is a bit pattern in hexadecimal (16 digits for
// double, 8 for float); each output line is the result's bit pattern in the same form, in the same order.
internal static class ElementaryRunner
{
    internal static int Run(string[] args)
    {
        if (args.Length < 1 || args.Length > 2)
        {
            Console.Error.WriteLine("usage: Tools elementary exp|expm1|log|log1p|tanh [double|float] < hex-inputs");
            return 2;
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
}
