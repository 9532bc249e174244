using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace ReferenceNN.Benchmarks;

// dotnet run -c Release --project Verification/Benchmarks -- bdn --filter '*Elementary*'
// Each class times one function over a fixed array of inputs, the .NET function as the baseline, so the
// Ratio column compares them side by side in the same process and run. Inputs: "Realistic" is the range
// a neural network or typical code feeds (tanh on [−5, 5]), "Domain" spreads over the whole domain.
public enum ElementaryInputs
{
    Realistic,
    Domain,
}

[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public abstract class ElementaryFunctionBenchmark
{
    protected const int Count = 4096;
    protected double[] X = Array.Empty<double>();

    [Params(ElementaryInputs.Realistic, ElementaryInputs.Domain)]
    public ElementaryInputs Range { get; set; }

    protected abstract double Draw(Random random, ElementaryInputs range);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260101);
        X = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            X[i] = Draw(random, Range);
        }
    }

    protected static double Bits(Random r, Func<double, bool> accept)
    {
        while (true)
        {
            double x = BitConverter.Int64BitsToDouble(r.NextInt64() ^ (r.Next(2) == 0 ? 0L : long.MinValue));
            if (accept(x))
            {
                return x;
            }
        }
    }
}

public class ElementaryExpBenchmark : ElementaryFunctionBenchmark
{
    protected override double Draw(Random r, ElementaryInputs range) =>
        range == ElementaryInputs.Realistic ? r.NextDouble() * 40 - 20 : r.NextDouble() * 1454 - 745;

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double MathExp()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += Math.Exp(x);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double ElementaryExp()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += Elementary.Exp(x);
        }

        return s;
    }
}

public class ElementaryExpM1Benchmark : ElementaryFunctionBenchmark
{
    protected override double Draw(Random r, ElementaryInputs range) =>
        range == ElementaryInputs.Realistic ? r.NextDouble() * 2 - 1 : r.NextDouble() * 747 - 38;

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double DoubleExpM1()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += double.ExpM1(x);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double ElementaryExpM1()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += Elementary.ExpM1(x);
        }

        return s;
    }
}

public class ElementaryLogBenchmark : ElementaryFunctionBenchmark
{
    protected override double Draw(Random r, ElementaryInputs range) =>
        range == ElementaryInputs.Realistic ? 100 * (1 - r.NextDouble()) : Bits(r, x => x > 0 && !double.IsInfinity(x));

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double MathLog()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += Math.Log(x);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double ElementaryLog()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += Elementary.Log(x);
        }

        return s;
    }
}

public class ElementaryLog1PBenchmark : ElementaryFunctionBenchmark
{
    protected override double Draw(Random r, ElementaryInputs range) =>
        range == ElementaryInputs.Realistic ? r.NextDouble() * 1.5 - 0.5 : Bits(r, x => x > -1 && !double.IsInfinity(x));

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double DoubleLogP1()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += double.LogP1(x);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double ElementaryLog1P()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += Elementary.Log1P(x);
        }

        return s;
    }
}

public class ElementaryTanhBenchmark : ElementaryFunctionBenchmark
{
    protected override double Draw(Random r, ElementaryInputs range) =>
        range == ElementaryInputs.Realistic ? r.NextDouble() * 10 - 5 : Bits(r, x => Math.Abs(x) < 25);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double MathTanh()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += Math.Tanh(x);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double ElementaryTanh()
    {
        double s = 0;
        foreach (double x in X)
        {
            s += Elementary.Tanh(x);
        }

        return s;
    }
}

/// <summary>The float overload against MathF.Tanh, on [−5, 5] only (the neural-network case).</summary>
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class ElementaryTanhFloatBenchmark
{
    private const int Count = 4096;
    private float[] x = Array.Empty<float>();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260101);
        x = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            x[i] = (float)(random.NextDouble() * 10 - 5);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public float MathFTanh()
    {
        float s = 0;
        foreach (float v in x)
        {
            s += MathF.Tanh(v);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public float ElementaryTanhFloat()
    {
        float s = 0;
        foreach (float v in x)
        {
            s += Elementary.Tanh(v);
        }

        return s;
    }
}
