using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using ReferenceNN.Examples;

namespace ReferenceNN.Benchmarks;

/// <summary>
/// This machine's scalar double-precision peak, measured, against the achieved rate of the FC training step.
/// Peak: 16 independent chains of a = a·m + c (a multiply and an add each, as the JIT compiles the library's loops),
/// and the same with Math.FusedMultiplyAdd. Achieved: the flops of one MNIST FC training step (counted below) divided
/// by its measured time. Each figure is the median of 7 runs. Usage: Benchmarks peak
/// </summary>
public static class Peak
{
    public static int Run(string[] args)
    {
        double mulAdd = Median(() => Chains(fused: false));
        double fma = Median(() => Chains(fused: true));
        double step = Median(TrainingStepFlops);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scalar peak, separate multiply and add: {mulAdd:F2} GFLOP/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scalar peak, fused multiply-add:        {fma:F2} GFLOP/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MNIST FC training step, achieved:       {step:F2} GFLOP/s = {100 * step / mulAdd:F0}% of the multiply-add peak"));
        return 0;
    }

    private static double Median(Func<double> measure)
    {
        measure();
        double[] runs = Enumerable.Range(0, 7).Select(_ => measure()).Order().ToArray();
        return runs[3];
    }

    /// <summary>GFLOP/s of 16 independent multiply-add chains, 2 flops each per iteration.</summary>
    private static double Chains(bool fused)
    {
        const int iterations = 20_000_000;
        double m = 0.999999, c = 1e-7;
        double a0 = 1, a1 = 1.1, a2 = 1.2, a3 = 1.3, a4 = 1.4, a5 = 1.5, a6 = 1.6, a7 = 1.7;
        double a8 = 1.8, a9 = 1.9, a10 = 2.0, a11 = 2.1, a12 = 2.2, a13 = 2.3, a14 = 2.4, a15 = 2.5;
        var clock = Stopwatch.StartNew();
        if (fused)
        {
            for (int i = 0; i < iterations; i++)
            {
                a0 = Math.FusedMultiplyAdd(a0, m, c); a1 = Math.FusedMultiplyAdd(a1, m, c); a2 = Math.FusedMultiplyAdd(a2, m, c); a3 = Math.FusedMultiplyAdd(a3, m, c);
                a4 = Math.FusedMultiplyAdd(a4, m, c); a5 = Math.FusedMultiplyAdd(a5, m, c); a6 = Math.FusedMultiplyAdd(a6, m, c); a7 = Math.FusedMultiplyAdd(a7, m, c);
                a8 = Math.FusedMultiplyAdd(a8, m, c); a9 = Math.FusedMultiplyAdd(a9, m, c); a10 = Math.FusedMultiplyAdd(a10, m, c); a11 = Math.FusedMultiplyAdd(a11, m, c);
                a12 = Math.FusedMultiplyAdd(a12, m, c); a13 = Math.FusedMultiplyAdd(a13, m, c); a14 = Math.FusedMultiplyAdd(a14, m, c); a15 = Math.FusedMultiplyAdd(a15, m, c);
            }
        }
        else
        {
            for (int i = 0; i < iterations; i++)
            {
                a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c; a4 = a4 * m + c; a5 = a5 * m + c; a6 = a6 * m + c; a7 = a7 * m + c;
                a8 = a8 * m + c; a9 = a9 * m + c; a10 = a10 * m + c; a11 = a11 * m + c; a12 = a12 * m + c; a13 = a13 * m + c; a14 = a14 * m + c; a15 = a15 * m + c;
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;
        double sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
        if (sum == 42) Console.Write("");
        return 16.0 * 2 * iterations / seconds / 1e9;
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
        Network network = Mnist.FullyConnectedNetwork(new Random(1));
        var input = new Tensor(new Shape(1, 784));
        var random = new Random(2);
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
