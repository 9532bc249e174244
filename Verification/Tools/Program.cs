using System;
using System.Linq;

// Long-running checks and the bridge to independent tools, kept out of the test run:
//   elementary FUNCTION [double|float|vector]   the library's elementary functions (or, for exp and tanh, the
//                                        vectorised kernels at every width) on hex bit patterns (stdin → stdout),
//                                        for Verification/Elementary/elementary_mpmath.py
//   float-midpoints [names]              the exhaustive float run of docs/Elementary/Elementary.md
//   slow-path [count]                    how often the elementary functions take their slow path
//   float32-verdicts DIR                 refnn check's float32 verdict on every case and result of DIR, in one process,
//                                        for Verification/Python/float32_validation.py
internal static class Program
{
    private static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "elementary" => ElementaryRunner.Run(args[1..]),
        "float-midpoints" or "slow-path" => ExhaustiveFloat.Run(args),
        "float32-verdicts" => Float32Verdicts.Run(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Tools elementary FUNCTION [double|float|vector] | float-midpoints [names] | slow-path [count] | float32-verdicts DIR");
        return 2;
    }
}
