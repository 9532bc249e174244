using ReferenceNN.Networks;
using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using ReferenceNN.Cli.Examples;

namespace ReferenceNN.Benchmarks;

/// <summary>
/// This machine's scalar double-precision peak, measured, against the achieved rate of the FC training step.
/// Peak: independent chains that keep every floating-point pipe busy: 6 chains of a ← a·m beside 6 chains of
/// b ← b + c (separate multiplies and adds, as the JIT compiles the library's loops), and 12 chains of
/// a ← fma(a, m, c). Each loop is in a method of its own, so that its chains stay in registers (a loop whose locals
/// live across the Stopwatch call keeps them on the stack, and then measures store-to-load forwarding instead).
/// Achieved: the flops of one MNIST FC training step (counted below) divided by its measured time. Each figure is
/// the median of 7 runs. Usage: Benchmarks peak
/// </summary>
public static class Peak
{
    private const int Iterations = 50_000_000;

    public static int Run(string[] args)
    {
        double mulAdd = Median(() => Rate(12, () => MultiplyAndAddChains(Iterations, 0.99999999, 1e-7)));
        double fma = Median(() => Rate(24, () => FusedChains(Iterations, 0.999999, 1e-7)));
        double step = Median(TrainingStepFlops);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scalar peak, separate multiply and add: {mulAdd:F2} GFLOP/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scalar peak, fused multiply-add:        {fma:F2} GFLOP/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MNIST FC training step, achieved:       {step:F2} GFLOP/s = {100 * step / mulAdd:F0}% of the multiply-and-add peak"));
        return 0;
    }

    private static double Median(Func<double> measure)
    {
        measure();
        double[] runs = Enumerable.Range(0, 7).Select(_ => measure()).Order().ToArray();
        return runs[3];
    }

    /// <summary>GFLOP/s of a loop doing <paramref name="flopsPerIteration"/> per iteration.</summary>
    private static double Rate(int flopsPerIteration, Func<double> loop)
    {
        var clock = Stopwatch.StartNew();
        double result = loop();
        double seconds = clock.Elapsed.TotalSeconds;
        if (result == 42) Console.Write("");  // uses the result, so the loop cannot be dropped
        return (double)flopsPerIteration * Iterations / seconds / 1e9;
    }

    /// <summary>6 multiply chains and 6 add chains, independent: 12 flops per iteration.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double MultiplyAndAddChains(int iterations, double m, double c)
    {
        double a0 = 1, a1 = 1.1, a2 = 1.2, a3 = 1.3, a4 = 1.4, a5 = 1.5;
        double b0 = 1, b1 = 1.1, b2 = 1.2, b3 = 1.3, b4 = 1.4, b5 = 1.5;
        for (int i = 0; i < iterations; i++)
        {
            a0 *= m; b0 += c; a1 *= m; b1 += c; a2 *= m; b2 += c;
            a3 *= m; b3 += c; a4 *= m; b4 += c; a5 *= m; b5 += c;
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + b0 + b1 + b2 + b3 + b4 + b5;
    }

    /// <summary>12 independent fused multiply-add chains: 24 flops per iteration.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double FusedChains(int iterations, double m, double c)
    {
        double a0 = 1, a1 = 1.1, a2 = 1.2, a3 = 1.3, a4 = 1.4, a5 = 1.5, a6 = 1.6, a7 = 1.7, a8 = 1.8, a9 = 1.9, a10 = 2.0, a11 = 2.1;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Math.FusedMultiplyAdd(a0, m, c); a1 = Math.FusedMultiplyAdd(a1, m, c); a2 = Math.FusedMultiplyAdd(a2, m, c);
            a3 = Math.FusedMultiplyAdd(a3, m, c); a4 = Math.FusedMultiplyAdd(a4, m, c); a5 = Math.FusedMultiplyAdd(a5, m, c);
            a6 = Math.FusedMultiplyAdd(a6, m, c); a7 = Math.FusedMultiplyAdd(a7, m, c); a8 = Math.FusedMultiplyAdd(a8, m, c);
            a9 = Math.FusedMultiplyAdd(a9, m, c); a10 = Math.FusedMultiplyAdd(a10, m, c); a11 = Math.FusedMultiplyAdd(a11, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    /// <summary>
    /// Flops of one training step of FC 784-100-50-10 (tanh, MSE), counting a multiply and an add as two:
    /// forward 2ij per dense layer; backward, fused with the step, per weight: ∂E/∂x accumulation (2), ∂E/∂w (1),
    /// the step (2); activations and the loss are counted as one flop per element per pass (they are not dominant).
    /// </summary>
    public static double FlopsPerFullyConnectedStep()
    {
        int[][] layers = [[784, 100], [100, 50], [50, 10]];
        double flops = 0;
        foreach (int[] l in layers) flops += 2.0 * l[0] * l[1] + 5.0 * l[0] * l[1] + 3 * l[1];
        flops += 2 * (100 + 50 + 10) + 4 * 10;
        return flops;
    }

    private static double TrainingStepFlops()
    {
        Network network = Mnist.FullyConnectedNetwork(new SplitMix64(unchecked((ulong)(1))));
        var input = new Tensor(new Shape(1, 784));
        var random = new SplitMix64(unchecked((ulong)(2)));
        for (int n = 0; n < 784; n++) input.Span[n] = random.NextDouble();
        var target = new Tensor(new Shape(1, 10));
        target.Span[3] = 1;
        network.SetTraining(true);
        const int steps = 2000;
        for (int n = 0; n < 200; n++) network.TrainSample(input, target, 0);
        var clock = Stopwatch.StartNew();
        for (int n = 0; n < steps; n++) network.TrainSample(input, target, 0);
        return FlopsPerFullyConnectedStep() * steps / clock.Elapsed.TotalSeconds / 1e9;
    }
}
