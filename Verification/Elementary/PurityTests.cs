using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

/// <summary>No allocation on the fast path; results independent of history and thread.</summary>
public class PurityTests
{
    private static readonly Func<double, double>[] Functions = [E.Exp, E.ExpM1, E.Log, E.Log1P, E.Tanh];

    [Fact]
    public void FastPathAllocatesNothing()
    {
        var r = new Random(1);
        // Inputs whose rounding test succeeds (the slow path allocates BigIntegers; it is taken about once in
        // 10^5 calls or less): the allocation-free claim is about the fast path.
        double[] xs = Enumerable.Range(0, 4096).Select(_ => Sampling.Uniform(r, 0.01, 0.99))
            .Where(x => E.ExpFast(x, out _) && E.ExpM1Fast(x, out _) && E.LogFast(x, out _) && E.Log1PFast(x, out _)
                && E.TanhFast(x, out _) && E.TanhFast(-x, out _))
            .ToArray();
        Assert.True(xs.Length > 4000);
        double sum = 0;
        foreach (var f in Functions)
        {
            foreach (double x in xs)
            {
                sum += f(x) + f(-x); // warm up: JIT, tiering
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 20; k++)
        {
            foreach (double x in xs)
            {
                sum += E.Exp(x) + E.ExpM1(x) + E.Log(x) + E.Log1P(x) + E.Tanh(x) + E.Tanh(-x);
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sum != 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ResultsAreTheSameOnEveryThreadAndInAnyOrder()
    {
        var r = new Random(2);
        double[] xs = Enumerable.Range(0, 20000).Select(_ => Sampling.Uniform(r, -20, 20)).ToArray();
        double[][] serial = Functions.Select(f => xs.Select(x => f(Math.Abs(x))).ToArray()).ToArray();
        var parallel = new double[Functions.Length][];
        Parallel.For(0, Functions.Length * 4, j =>
        {
            int i = j % Functions.Length;
            double[] mine = new double[xs.Length];
            for (int k = xs.Length - 1; k >= 0; k--)
            {
                mine[k] = Functions[i](Math.Abs(xs[k]));
            }

            parallel[i] = mine;
        });
        for (int i = 0; i < Functions.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }
}
