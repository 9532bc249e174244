using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ReferenceNN;

// dotnet run -c Release --project Verification/Tools -- float-midpoints [exp,expm1,log,log1p,tanh]
//     Runs all 2^32 float inputs through F((double)x) and counts the double results that are exactly a float
//     rounding midpoint (or the overflow boundary 2^128 − 2^103), the only case where (float)F((double)x)
//     can differ from the correctly rounded float. Prints every such input.
// dotnet run -c Release --project Verification/Tools -- slow-path [count]
//     Counts how often the fast path's rounding test fails (the slow path is taken) over random inputs.
internal static class ExhaustiveFloat
{
    private static readonly Dictionary<string, Func<double, double>> Functions = new()
    {
        ["exp"] = Elementary.Exp,
        ["expm1"] = Elementary.ExpM1,
        ["log"] = Elementary.Log,
        ["log1p"] = Elementary.Log1P,
        ["tanh"] = Elementary.Tanh,
    };

    internal static int Run(string[] args)
    {
        if (args.Length >= 1 && args[0] == "float-midpoints")
        {
            string[] names = args.Length >= 2 ? args[1].Split(',') : Functions.Keys.ToArray();
            foreach (string name in names)
            {
                FloatMidpoints(name, Functions[name]);
            }

            return 0;
        }

        if (args.Length >= 1 && args[0] == "slow-path")
        {
            long count = args.Length >= 2 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000;
            SlowPathFrequency(count);
            return 0;
        }

        Console.Error.WriteLine("usage: Tools float-midpoints [names] | slow-path [count]");
        return 2;
    }

    /// <summary>True when y is exactly halfway between two adjacent floats (or at 2^128 − 2^103, halfway between float.MaxValue and the overflow threshold).</summary>
    internal static bool IsFloatMidpoint(double y)
    {
        double a = Math.Abs(y);
        if (!(a > 0) || double.IsInfinity(a))
        {
            return false;
        }

        if (a >= 1.1754943508222875e-38) // 2^-126: float normal range (and above float.MaxValue)
        {
            ulong bits = BitConverter.DoubleToUInt64Bits(a);
            return (bits & 0x1FFFFFFFUL) == 0x10000000UL; // the 29 bits below float precision are 1000...0
        }

        double t = a * 1.4272476927059599e45; // 2^150, exact
        return t == Math.Floor(t) && Math.IEEERemainder(t, 2) != 0;
    }

    private static void FloatMidpoints(string name, Func<double, double> f)
    {
        var watch = Stopwatch.StartNew();
        var hits = new ConcurrentBag<uint>();
        long nans = 0;
        const int Chunks = 1 << 16;
        Parallel.For(0, Chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, chunk =>
        {
            long localNans = 0;
            uint start = (uint)chunk << 16;
            for (uint i = 0; i < (1u << 16); i++)
            {
                float x = BitConverter.UInt32BitsToSingle(start + i);
                if (float.IsNaN(x))
                {
                    localNans++;
                    continue;
                }

                if (IsFloatMidpoint(f(x)))
                {
                    hits.Add(start + i);
                }
            }

            Interlocked.Add(ref nans, localNans);
        });
        watch.Stop();
        Console.WriteLine(
            $"{name}: {(1L << 32) - nans} non-NaN float inputs, {hits.Count} double results exactly at a float midpoint; {watch.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} threads");
        foreach (uint bits in hits.OrderBy(b => b))
        {
            float x = BitConverter.UInt32BitsToSingle(bits);
            double y = f(x);
            Console.WriteLine($"   x = {bits:x8} ({x.ToString("R", CultureInfo.InvariantCulture)}): F(x) = {BitConverter.DoubleToUInt64Bits(y):x16} ({y.ToString("R", CultureInfo.InvariantCulture)}), (float) = {BitConverter.SingleToUInt32Bits((float)y):x8}");
        }
    }

    private static void SlowPathFrequency(long count)
    {
        var fast = new (string Name, Func<double, (bool Trivial, bool Ok)> Try, (string Label, Func<Random, double> Draw)[] Inputs)[]
        {
            ("exp", x => Trivial(x, Math.Abs(x) < 5.551115123125783e-17 || !(x > -746 && x < 710), () => Elementary.ExpFast(x, out _)),
                [("uniform [-20, 20]", r => r.NextDouble() * 40 - 20), ("uniform [-745, 709]", r => r.NextDouble() * 1454 - 745), ("random bits in (-746, 710)", r => Bits(r, x => x > -746 && x < 710))]),
            ("expm1", x => Trivial(x, Math.Abs(x) < 5.551115123125783e-17 || !(x > -38 && x < 710), () => Elementary.ExpM1Fast(x, out _)),
                [("uniform [-1, 1]", r => r.NextDouble() * 2 - 1), ("uniform [-38, 709]", r => r.NextDouble() * 747 - 38), ("random bits in (-38, 710)", r => Bits(r, x => x > -38 && x < 710))]),
            ("log", x => Trivial(x, !(x > 0 && x < double.PositiveInfinity) || x == 1, () => Elementary.LogFast(x, out _)),
                [("uniform (0, 4]", r => 4 * (1 - r.NextDouble())), ("uniform [0.5, 2]", r => 0.5 + 1.5 * r.NextDouble()), ("random bits > 0", r => Bits(r, x => x > 0))]),
            ("log1p", x => Trivial(x, Math.Abs(x) < 5.551115123125783e-17 || !(x > -1 && x < double.PositiveInfinity), () => Elementary.Log1PFast(x, out _)),
                [("uniform [-0.5, 1]", r => 1.5 * r.NextDouble() - 0.5), ("uniform [-1e-3, 1e-3]", r => 2e-3 * r.NextDouble() - 1e-3), ("random bits > -1", r => Bits(r, x => x > -1))]),
            ("tanh", x => Trivial(x, Math.Abs(x) < 7.450580596923828e-9 || !(Math.Abs(x) < 19.1), () => Elementary.TanhFast(x, out _)),
                [("uniform [-5, 5]", r => r.NextDouble() * 10 - 5), ("uniform [-0.1, 0.1]", r => r.NextDouble() * 0.2 - 0.1), ("random bits, |x| < 19.1", r => Bits(r, x => Math.Abs(x) < 19.1))]),
        };
        // The cost of one slow-path call (BigInteger, first precision 192 bits), on 2,000 inputs per function.
        var costs = new (string Name, Func<double, double> Slow, Func<Random, double> Draw)[]
        {
            ("exp", SlowPath.Exp, r => r.NextDouble() * 40 - 20),
            ("expm1", SlowPath.ExpM1, r => r.NextDouble() * 2 - 1),
            ("log", SlowPath.Log, r => r.NextDouble() * 4 + 1e-3),
            ("log1p", SlowPath.Log1P, r => r.NextDouble() * 1.5 - 0.5),
            ("tanh", SlowPath.Tanh, r => r.NextDouble() * 10 - 5),
        };
        foreach (var (name, slow, draw) in costs)
        {
            var rng = new Random(7);
            double[] xs = Enumerable.Range(0, 2000).Select(_ => draw(rng)).ToArray();
            double sink = 0;
            foreach (double x in xs.Take(200))
            {
                sink += slow(x);
            }

            var watch = Stopwatch.StartNew();
            foreach (double x in xs)
            {
                sink += slow(x);
            }

            Console.WriteLine($"{name,-6} slow path: {watch.Elapsed.TotalMicroseconds / xs.Length:F1} µs per call ({sink:E1})");
        }

        foreach (var (name, attempt, inputs) in fast)
        {
            foreach (var (label, draw) in inputs)
            {
                var rng = new Random(12345);
                long trivial = 0, slow = 0;
                for (long i = 0; i < count; i++)
                {
                    double x = draw(rng);
                    (bool isTrivial, bool ok) = attempt(x);
                    if (isTrivial)
                    {
                        trivial++;
                    }
                    else if (!ok)
                    {
                        slow++;
                    }
                }

                long tried = count - trivial;
                Console.WriteLine($"{name,-6} {label,-28} {count} inputs, {tried} reach the fast path, slow path {slow} times ({(tried == 0 ? 0 : (double)slow / tried):E2}, about 1 in {(slow == 0 ? double.PositiveInfinity : (double)tried / slow):F0})");
            }
        }
    }

    private static (bool, bool) Trivial(double x, bool trivial, Func<bool> fast) => trivial ? (true, true) : (false, fast());

    private static double Bits(Random r, Func<double, bool> accept)
    {
        while (true)
        {
            double x = BitConverter.Int64BitsToDouble(r.NextInt64() ^ (r.Next(2) == 0 ? 0 : long.MinValue));
            if (accept(x))
            {
                return x;
            }
        }
    }
}
