using System;
using BenchmarkDotNet.Attributes;
using ReferenceNN.Formulas;

namespace ReferenceNN.Benchmarks;

/// <summary>
/// What being generic costs the literal formulas at T = double: <see cref="FullyConnected.Forward{T}"/> and
/// <see cref="Tanh.Derivative{T}"/> against copies written for double only, the same loops and the same operations,
/// side by side in one run. The JIT compiles a generic method separately for each value type, so the two should run
/// the same code.
///   dotnet run -c Release --project Verification/Benchmarks -- bdn --filter '*GenericCost*'
/// </summary>
[MemoryDiagnoser]
public class GenericCostBenchmarks
{
    private readonly double[] _x = new double[784], _w = new double[784 * 100], _b = new double[100], _y = new double[100];
    private readonly double[] _points = new double[786];

    [GlobalSetup]
    public void Setup()
    {
        var random = new SplitMix64(1);
        foreach (double[] a in new[] { _x, _w, _b }) for (int n = 0; n < a.Length; n++) a[n] = random.NextDouble() - 0.5;
        for (int n = 0; n < _points.Length; n++) _points[n] = 10 * random.NextDouble() - 5;
    }

    [Benchmark(Baseline = true)]
    public void FullyConnectedForward_DoubleOnly() => ForwardDouble(_x, _w, _b, _y);

    [Benchmark]
    public void FullyConnectedForward_Generic() => FullyConnected.Forward<double>(_x, _w, _b, _y);

    [Benchmark]
    public double TanhDerivative_DoubleOnly()
    {
        double s = 0;
        foreach (double x in _points) s += TanhDerivativeDouble(x);
        return s;
    }

    [Benchmark]
    public double TanhDerivative_Generic()
    {
        double s = 0;
        foreach (double x in _points) s += Tanh.Derivative(x);
        return s;
    }

    /// <summary>FullyConnected.Forward written for double, with the same checks and loops.</summary>
    private static void ForwardDouble(ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Span<double> output)
    {
        int i = input.Length, j = output.Length;
        if (weights.Length != (long)i * j || bias.Length != j) throw new ArgumentException("sizes");
        for (int column = 0; column < j; column++)
        {
            double sum = 0;
            for (int row = 0; row < i; row++)
            {
                sum += input[row] * weights[row * j + column];
            }
            output[column] = sum + bias[column];
        }
    }

    /// <summary>Tanh.Derivative written for double.</summary>
    private static double TanhDerivativeDouble(double x)
    {
        double u = Elementary.Exp(-(2 * Math.Abs(x)));
        double onePlusU = 1 + u;
        return 4 * u / (onePlusU * onePlusU);
    }
}
