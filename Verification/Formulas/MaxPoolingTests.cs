using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.MaxPooling;

namespace ReferenceNN.Verification.Formulas;

/// <summary>
/// The max-pooling formulas (Reference/Library/Formulas/MaxPooling) against independent truth: the windows, maxima and
/// tie rule from the index definition, exactly; and the routed ∂E/∂X against dual numbers through Forward.
/// </summary>
public class MaxPoolingTests
{
    private const string Recorded = "Formulas/MaxPooling dual";

    public static class Cases
    {
        public static Arbitrary<PoolCase> PoolCase() => FormulaArbitraries.PoolCase();
    }

    public static DualFormula Forward(PoolCase c) =>
        (a, y) => F.Forward<Dual<double>>(a[0], c.InputShape, c.PoolHeight, c.PoolWidth, c.StrideHeight, c.StrideWidth, y, new int[y.Length]);

    /// <summary>Forward on double: the outputs and the positions of the maxima.</summary>
    public static (double[] Y, int[] Argmax) ForwardOnDouble(PoolCase c, double[] x)
    {
        var y = new double[c.OutputSize];
        var argmax = new int[c.OutputSize];
        F.Forward<double>(x, c.InputShape, c.PoolHeight, c.PoolWidth, c.StrideHeight, c.StrideWidth, y, argmax);
        return (y, argmax);
    }

    public static double[] InputError(PoolCase c, int[] argmax, double[] dy)
    {
        var dx = new double[c.InputSize];
        F.InputError<double>(dy, argmax, dx);
        return dx;
    }

    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property InputError_EveryElement_IsTheDualColumnDottedWithTheUpstream(PoolCase c)
    {
        double[] x = c.Input(), dy = RandomValues.Uniform(c.OutputSize, c.Streams.UpstreamRandom());
        (_, int[] argmax) = ForwardOnDouble(c, x);
        int[] elements = DualCheck.Sample(c.InputSize, 512, new Rng(c.Streams.Direction ^ 0x51ab));
        return DualCheck.Columns(c.ToString(), Forward(c), [x], c.OutputSize, 0, dy, InputError(c, argmax, dy), elements, record: Recorded).ToProperty();
    }

    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property InputError_DotProductIdentity_HoldsForRandomUpstreamAndDirection(PoolCase c)
    {
        double[] x = c.Input(), dy = RandomValues.Uniform(c.OutputSize, c.Streams.UpstreamRandom());
        double[] v = RandomValues.Uniform(c.InputSize, c.Streams.DirectionRandom());
        (_, int[] argmax) = ForwardOnDouble(c, x);
        double[] dx = InputError(c, argmax, dy);
        double scale = DualCheck.Scale(Forward(c), [x], [v], c.OutputSize, dy, [dx], absoluteValues: false);
        return DualCheck.DotIdentity(c.ToString(), Forward(c), [x], [v], c.OutputSize, dy, [dx], scale, Recorded + " dot identity").ToProperty();
    }

    [SeededProperty(MaxTest = 15, Arbitrary = [typeof(Cases)])]
    public Property InputError_RoundedToFloat_IsRejected(PoolCase c)
    {
        double[] x = c.Input(), dy = RandomValues.Uniform(c.OutputSize, c.Streams.UpstreamRandom());
        (_, int[] argmax) = ForwardOnDouble(c, x);
        double[] rounded = RandomValues.RoundedToFloat(InputError(c, argmax, dy));
        int[] elements = argmax.Distinct().Take(64).ToArray(); // the maxima: where ∂E/∂X is not 0
        return (!DualCheck.Columns(c.ToString(), Forward(c), [x], c.OutputSize, 0, dy, rounded, elements).Passed).Label("a float32 ∂E/∂X passed");
    }

    /// <summary>
    /// Forward's outputs and maxima (with the first maximum in row-major order winning a tie) and InputError's routed
    /// sums, against the index definition evaluated exactly; c is dyadic (a·2⁻ᵉ, |a| &lt; 2¹⁰, e ≤ 10) so the sums of
    /// overlapping windows' errors are exact too. The inputs are exact whatever their kind.
    /// </summary>
    private static Verdict ExactCheck(PoolCase c)
    {
        double[] x = c.Input(), dy = RandomValues.Dyadic(c.OutputSize, c.Streams.UpstreamRandom());
        (double[] y, int[] argmax) = ForwardOnDouble(c, x);
        (Rational[] exactY, int[] exactArgmax) = ExactFormulas.MaxPoolingForward(ExactFormulas.Of(x), c.Height, c.Width, c.Depth,
            c.PoolHeight, c.PoolWidth, c.StrideHeight, c.StrideWidth);
        int wrong = Enumerable.Range(0, argmax.Length).FirstOrDefault(o => argmax[o] != exactArgmax[o], -1);
        var argmaxVerdict = new Verdict(wrong < 0, wrong < 0 ? 0 : double.PositiveInfinity, 0,
            wrong < 0 ? $"{c}: argmax exact" : $"{c}: argmax[{wrong}] is {argmax[wrong]}, the first maximum of its window is at {exactArgmax[wrong]}");
        return Verdict.All(
            Agreement.Exactly($"{c}: Forward", y, exactY),
            argmaxVerdict,
            Agreement.Exactly($"{c}: InputError", InputError(c, argmax, dy), ExactFormulas.MaxPoolingBackward(c.InputSize, exactArgmax, ExactFormulas.Of(dy))));
    }

    [SeededProperty(MaxTest = 150, Arbitrary = [typeof(Cases)])]
    public Property ForwardAndInputError_AreTheIndexDefinitionExactly_TiesToTheFirstMaximum(PoolCase c) => ExactCheck(c).ToProperty();

    [Fact]
    public void Ties_InOverlappingWindows_GoToEachWindowsFirstMaximum_AndTheDualSeesTheSameSide()
    {
        // 3×4×1, windows 2×2, stride 1: every window holds several 5s. The first 5 of each window in row-major order is
        // its maximum; raising it raises the output (its right derivative 1), lowering another tied 5 changes nothing
        // (left derivative 0), so the routing is the one-sided rule the docs state, and the dual tangent of Forward
        // (the derivative of the branch Forward takes) shows the same routing.
        double[] x = [5, 5, 1, 5, 5, 5, 5, 0, 1, 5, 5, 5];
        var c = new PoolCase(3, 4, 1, 2, 2, 1, 1, PoolingValues.Ties, Streams.ForRun(nameof(Ties_InOverlappingWindows_GoToEachWindowsFirstMaximum_AndTheDualSeesTheSameSide)));
        (double[] y, int[] argmax) = ForwardOnDouble(c, x);
        Assert.Equal([5.0, 5, 5, 5, 5, 5], y);
        Assert.Equal([0, 1, 3, 4, 5, 6], argmax);
        Assert.True(ExactCheck(c).Passed);
        for (int o = 0; o < argmax.Length; o++)
        {
            int u = o / 3, v = o % 3;
            for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
            {
                int position = (u + a) * 4 + v + b;
                if (x[position] != 5) continue;
                Dual<double>[] input = Duals.Of(x);
                input[position] = Dual<double>.Variable(x[position]);
                var output = new Dual<double>[argmax.Length];
                Forward(c)([input], output);
                double up = Bump(c, x, position, +1.0 / 1024)[o] - y[o], down = Bump(c, x, position, -1.0 / 1024)[o] - y[o];
                if (position == argmax[o])
                {
                    Assert.Equal((1.0 / 1024, 0.0), (up, down)); // right derivative 1, left 0
                    Assert.Equal(1, output[o].Tangent);
                }
                else
                {
                    Assert.Equal((1.0 / 1024, 0.0), (up, down)); // the same one-sided derivatives; routed 0 = the left one
                    Assert.Equal(0, output[o].Tangent);
                }
            }
        }
    }

    private static double[] Bump(PoolCase c, double[] x, int position, double h)
    {
        double[] bumped = (double[])x.Clone();
        bumped[position] += h;
        return ForwardOnDouble(c, bumped).Y;
    }

    [Fact]
    public void WindowsAtEveryStride_SmallerEqualAndLargerThanTheWindow_AreExact()
    {
        foreach ((int stride, PoolingValues values) in new[] { (1, PoolingValues.Distinct), (2, PoolingValues.Ties), (3, PoolingValues.Uniform), (5, PoolingValues.Ties) })
        {
            var c = new PoolCase(11, 10, 2, 3, 2, stride, stride + 1, values, Streams.ForRun(nameof(WindowsAtEveryStride_SmallerEqualAndLargerThanTheWindow_AreExact) + stride));
            Verdict verdict = ExactCheck(c);
            Assert.True(verdict.Passed, verdict.Detail);
        }
    }
}
