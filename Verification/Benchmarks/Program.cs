using System;
using BenchmarkDotNet.Running;

namespace ReferenceNN.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "bdn";
        return mode switch
        {
            "side-by-side" => SideBySide.Run(args[1..]),
            "peak" => Peak.Run(args[1..]),
            "width" => PrintWidth(),
            "bdn" => RunBenchmarkDotNet(args[1..]),
            _ => Usage(),
        };
    }

    private static int RunBenchmarkDotNet(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    /// <summary>The vector width the fast kernels use on this machine, in doubles and bits.</summary>
    private static int PrintWidth()
    {
        int width = ReferenceNN.FastKernels.VectorWidth.Current;
        Console.WriteLine(width == 1 ? "1 double (scalar)" : $"{width} doubles ({64 * width}-bit vectors)");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Benchmarks [bdn [BenchmarkDotNet options] | side-by-side --network fc|conv --data DIR --samples N --epochs E --seed S --export DIR | peak | width]");
        return 2;
    }
}
