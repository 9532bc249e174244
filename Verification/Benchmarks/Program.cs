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
            "bdn" => RunBenchmarkDotNet(args[1..]),
            _ => Usage(),
        };
    }

    private static int RunBenchmarkDotNet(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Benchmarks [bdn [BenchmarkDotNet options] | side-by-side --network fc|conv --data DIR --samples N --epochs E --seed S --export DIR | peak]");
        return 2;
    }
}
