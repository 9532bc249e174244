using System;
using BenchmarkDotNet.Attributes;
using ReferenceNN.FastKernels;

namespace ReferenceNN.Benchmarks;

// dotnet Verification/Benchmarks/bin/Release/net10.0/Benchmarks.dll bdn --filter '*ActivationKernelBenchmarks*'
// The tanh activation of the article's MNIST conv network, side by side in one run: 786 values uniform on [−5, 5]
// (the elements one sample passes through tanh: 26·26 + 100 + 10 = 786, here in one span), time per element. Forward: the scalar
// correctly rounded Elementary.Tanh in a loop (the baseline, what the layer computed before the fast kernel), the
// vectorised ElementaryKernels.Tanh (bit for bit the same results), and .NET's Math.Tanh in a plain loop (not correctly
// rounded; the platform's libm). Backward: the literal derivative times ∂E/∂y in a loop, as ActivationLayer.BackwardCore,
// against ActivationKernels.TanhBackward; and exp, scalar against vectorised, on the derivative's arguments −2|x|.
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class ActivationKernelBenchmarks
{
    private const int Count = 786;
    private readonly double[] _x = new double[Count];
    private readonly double[] _dy = new double[Count];
    private readonly double[] _t = new double[Count];
    private readonly double[] _y = new double[Count];

    [GlobalSetup]
    public void Setup()
    {
        var random = new SplitMix64(20260101);
        for (int i = 0; i < Count; i++)
        {
            _x[i] = 10 * random.NextDouble() - 5;
            _dy[i] = random.NextDouble() - 0.5;
            _t[i] = -(2 * Math.Abs(_x[i]));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double ElementaryTanhLoop()
    {
        double[] x = _x, y = _y;
        for (int i = 0; i < x.Length; i++) y[i] = Elementary.Tanh(x[i]);
        return y[Count - 1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double VectorTanh()
    {
        ElementaryKernels.Tanh(_x, _y);
        return _y[Count - 1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double MathTanhLoop()
    {
        double[] x = _x, y = _y;
        for (int i = 0; i < x.Length; i++) y[i] = Math.Tanh(x[i]);
        return y[Count - 1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double LiteralTanhBackwardLoop()
    {
        double[] x = _x, dy = _dy, dx = _y;
        for (int i = 0; i < x.Length; i++) dx[i] = Formulas.Tanh.Derivative(x[i]) * dy[i];
        return dx[Count - 1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double VectorTanhBackward()
    {
        ActivationKernels.TanhBackward(_x, _dy, _y);
        return _y[Count - 1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double ElementaryExpLoop()
    {
        double[] t = _t, y = _y;
        for (int i = 0; i < t.Length; i++) y[i] = Elementary.Exp(t[i]);
        return y[Count - 1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double VectorExp()
    {
        ElementaryKernels.Exp(_t, _y);
        return _y[Count - 1];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double MathExpLoop()
    {
        double[] t = _t, y = _y;
        for (int i = 0; i < t.Length; i++) y[i] = Math.Exp(t[i]);
        return y[Count - 1];
    }
}
