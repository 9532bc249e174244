using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Formulas;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.Convolution;

namespace ReferenceNN.Verification.Formulas;

/// <summary>
/// The convolution formulas (Reference/Library/Formulas/Convolution) against independent truth: exact directional
/// derivatives from dual numbers run through the literal Forward, and exact rational evaluation of the index
/// definitions on dyadic inputs.
/// </summary>
public class ConvolutionTests
{
    private const string Recorded = "Formulas/Convolution dual";

    public static class Cases
    {
        public static Arbitrary<ConvCase> ConvCase() => FormulaArbitraries.ConvCase();
    }

    /// <summary>One case's values: X, K, B from their streams, c the upstream gradient, v a direction for each argument.</summary>
    public sealed record Data(double[] X, double[] W, double[] B, double[] C, double[] VX, double[] VW, double[] VB)
    {
        public static Data Draw(ConvCase c)
        {
            Rng parameters = c.Streams.ParametersRandom(), direction = c.Streams.DirectionRandom();
            return new Data(
                RandomValues.Uniform(c.InputSize, c.Streams.InputRandom(), -2, 2),
                RandomValues.Uniform(c.WeightsSize, parameters, -0.5, 0.5),
                RandomValues.Uniform(c.LayerDepth, parameters, -0.5, 0.5),
                RandomValues.Uniform(c.OutputSize, c.Streams.UpstreamRandom()),
                RandomValues.Uniform(c.InputSize, direction), RandomValues.Uniform(c.WeightsSize, direction),
                RandomValues.Uniform(c.LayerDepth, direction));
        }

        public double[][] Arguments => [X, W, B];
    }

    /// <summary>The literal Forward on dual numbers: arguments X, K, B.</summary>
    public static DualFormula Forward(ConvCase c) =>
        (a, y) => F.Forward<Dual<double>>(a[0], c.InputShape, a[1], c.WeightsShape, a[2], y);

    /// <summary>The three backward formulas on double.</summary>
    public static (double[] X, double[] W, double[] B) Backward(ConvCase c, double[] x, double[] w, double[] dy)
    {
        double[] dx = new double[x.Length], dw = new double[w.Length], db = new double[c.LayerDepth];
        F.BiasError<double>(dy, c.OutputHeight, c.OutputWidth, db);
        F.WeightsError<double>(x, c.InputShape, dy, c.WeightsShape, dw);
        F.InputError<double>(dy, w, c.WeightsShape, c.InputShape, dx);
        return (dx, dw, db);
    }

    /// <summary>Every element of ∂E/∂X, ∂E/∂K and ∂E/∂B (or <paramref name="sample"/> of each) against ⟨c, J·e⟩.</summary>
    public static Verdict ElementChecks(ConvCase c, Data d, (double[] X, double[] W, double[] B) gradient, int sample = int.MaxValue, string? record = null)
    {
        DualFormula forward = Forward(c);
        var pick = new Rng(c.Streams.Direction ^ 0x51ab);
        return Verdict.All(
            DualCheck.Columns($"{c}: ∂E/∂X", forward, d.Arguments, c.OutputSize, 0, d.C, gradient.X, DualCheck.Sample(d.X.Length, sample, pick), record: record?.Insert(record.Length, " ∂E/∂X")),
            DualCheck.Columns($"{c}: ∂E/∂K", forward, d.Arguments, c.OutputSize, 1, d.C, gradient.W, DualCheck.Sample(d.W.Length, sample, pick), record: record?.Insert(record.Length, " ∂E/∂K")),
            DualCheck.Columns($"{c}: ∂E/∂B", forward, d.Arguments, c.OutputSize, 2, d.C, gradient.B, DualCheck.Sample(d.B.Length, sample, pick), record: record?.Insert(record.Length, " ∂E/∂B")));
    }

    public static Verdict DotIdentity(ConvCase c, Data d, (double[] X, double[] W, double[] B) gradient, string? record = null)
    {
        double[][] v = [d.VX, d.VW, d.VB];
        double[][] g = [gradient.X, gradient.W, gradient.B];
        double scale = DualCheck.Scale(Forward(c), d.Arguments, v, c.OutputSize, d.C, g, absoluteValues: true);
        return DualCheck.DotIdentity(c.ToString(), Forward(c), d.Arguments, v, c.OutputSize, d.C, g, scale, record);
    }

    [SeededProperty(MaxTest = 30, Arbitrary = [typeof(Cases)])]
    public Property Backward_EveryElement_IsTheDualColumnDottedWithTheUpstream(ConvCase c)
    {
        var d = Data.Draw(c);
        return ElementChecks(c, d, Backward(c, d.X, d.W, d.C), record: Recorded).ToProperty();
    }

    [SeededProperty(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public Property Backward_DotProductIdentity_HoldsForRandomUpstreamAndDirection(ConvCase c)
    {
        var d = Data.Draw(c);
        return DotIdentity(c, d, Backward(c, d.X, d.W, d.C), Recorded + " dot identity").ToProperty();
    }

    [SeededProperty(MaxTest = 15, Arbitrary = [typeof(Cases)])]
    public Property Backward_RoundedToFloat_IsRejectedElementByElement(ConvCase c)
    {
        var d = Data.Draw(c);
        (double[] x, double[] w, double[] b) = Backward(c, d.X, d.W, d.C);
        double[] fx = RandomValues.RoundedToFloat(x), fw = RandomValues.RoundedToFloat(w), fb = RandomValues.RoundedToFloat(b);
        // Each rounded gradient on its own, element by element. (The dot-product identity is not a float32 detector:
        // it sums the elements' rounding errors, which partly cancel, against the scale of all their terms; one FC
        // case with all three rounded passed it at 0.97 of the tolerance.)
        Verdict[] rejected =
        [
            ElementChecks(c, d, (fx, w, b), 32), ElementChecks(c, d, (x, fw, b), 32), ElementChecks(c, d, (x, w, fb), 32),
        ];
        return rejected.All(v => !v.Passed).Label(string.Join("\n", rejected.Where(v => v.Passed).Select(v => "passed: " + v.Detail)));
    }

    /// <summary>
    /// X, K, B, c are a·2⁻ᵉ with |a| &lt; 2¹⁰, 0 ≤ e ≤ 10. A product is an integer multiple of 2⁻²⁰ below 2²⁰; the
    /// longest sums are ∂E/∂K's over the (i−m+1)(j−n+1) ≤ 676 output positions and Forward's over m·n·d ≤ 100 terms
    /// plus the bias: integer multiples of 2⁻²⁰ below 2³⁰, fewer than 2⁵⁰ units, so every partial sum in any order is
    /// a double and no operation rounds. ∂E/∂B sums ≤ 676 values of c: multiples of 2⁻¹⁰ below 2²⁰.
    /// </summary>
    private static Verdict ExactCheck(ConvCase c)
    {
        double[] x = RandomValues.Dyadic(c.InputSize, c.Streams.InputRandom());
        double[] w = RandomValues.Dyadic(c.WeightsSize, c.Streams.ParametersRandom());
        double[] b = RandomValues.Dyadic(c.LayerDepth, c.Streams.DirectionRandom());
        double[] dy = RandomValues.Dyadic(c.OutputSize, c.Streams.UpstreamRandom());
        var y = new double[c.OutputSize];
        F.Forward<double>(x, c.InputShape, w, c.WeightsShape, b, y);
        (double[] dx, double[] dw, double[] db) = Backward(c, x, w, dy);
        var sizes = new ExactFormulas.ConvSizes(c.Height, c.Width, c.Depth, c.KernelHeight, c.KernelWidth, c.LayerDepth);
        Rational[] ex = ExactFormulas.Of(x), ew = ExactFormulas.Of(w);
        (Rational[] X, Rational[] W, Rational[] B) exact = ExactFormulas.ConvolutionBackward(sizes, ex, ew, ExactFormulas.Of(dy));
        return Verdict.All(
            Agreement.Exactly($"{c}: Forward", y, ExactFormulas.ConvolutionForward(sizes, ex, ew, ExactFormulas.Of(b))),
            Agreement.Exactly($"{c}: InputError", dx, exact.X),
            Agreement.Exactly($"{c}: WeightsError", dw, exact.W),
            Agreement.Exactly($"{c}: BiasError", db, exact.B));
    }

    [SeededProperty(MaxTest = 40, Arbitrary = [typeof(Cases)])]
    public Property FormulasOnDyadicInputs_AreTheExactValuesOfTheIndexDefinitions(ConvCase c) =>
        c.IsMnistSized ? Prop.When(false, () => true) : ExactCheck(c).ToProperty(); // the MNIST size has its own test

    /// <summary>
    /// The two helpers on their own, each adding to an output that already holds values (they accumulate):
    /// CorrelateValid's output[p,q] + Σ_a Σ_b X[p+a, q+b]·K[a,b] and ConvolveFull's output[r,s] + Σ M[r−a, s−b]·K[a,b]
    /// over the terms inside M, on one channel of multi-channel tensors, exactly on dyadic values.
    /// </summary>
    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property CorrelateValidAndConvolveFull_AreTheirIndexDefinitions_AddedToTheOutput(ConvCase c)
    {
        Rng random = c.Streams.InputRandom();
        int h = c.Height, w = c.Width, m = c.KernelHeight, n = c.KernelWidth, depth = c.Depth, channel = random.Next(depth);
        double[] x = RandomValues.Dyadic(h * w * depth, random), k = RandomValues.Dyadic(m * n * 2, random);
        double[] valid = RandomValues.Dyadic((h - m + 1) * (w - n + 1), random), full = RandomValues.Dyadic((h + m - 1) * (w + n - 1) * 3, random);
        Rational[] expectedValid = ExactFormulas.Of(valid), expectedFull = ExactFormulas.Of(full);
        Rational At(double[] t, int width, int d, int r, int s, int ch) => Rational.FromDouble(t[(r * width + s) * d + ch]);
        for (int p = 0; p <= h - m; p++)
        for (int q = 0; q <= w - n; q++)
        for (int a = 0; a < m; a++)
        for (int b = 0; b < n; b++)
        {
            expectedValid[p * (w - n + 1) + q] += At(x, w, depth, p + a, q + b, channel) * At(k, n, 2, a, b, 1);
        }
        for (int r = 0; r < h + m - 1; r++)
        for (int s = 0; s < w + n - 1; s++)
        for (int a = 0; a < m; a++)
        for (int b = 0; b < n; b++)
        {
            if (r - a >= 0 && r - a < h && s - b >= 0 && s - b < w)
            {
                expectedFull[(r * (w + n - 1) + s) * 3 + 2] += At(x, w, depth, r - a, s - b, channel) * At(k, n, 2, a, b, 1);
            }
        }
        F.CorrelateValid(new ReadOnlyPlane<double>(x, h, w, depth, channel), new ReadOnlyPlane<double>(k, m, n, 2, 1),
            new Plane<double>(valid, h - m + 1, w - n + 1, 1, 0));
        F.ConvolveFull(new ReadOnlyPlane<double>(x, h, w, depth, channel), new ReadOnlyPlane<double>(k, m, n, 2, 1),
            new Plane<double>(full, h + m - 1, w + n - 1, 3, 2));
        return Verdict.All(Agreement.Exactly($"{c}: CorrelateValid", valid, expectedValid),
            Agreement.Exactly($"{c}: ConvolveFull", full, expectedFull)).ToProperty();
    }

    [Fact]
    public void MnistSized_28x28x1_To_26x26x8_ElementsDotIdentityAndExactValues()
    {
        var c = new ConvCase(28, 28, 1, 3, 3, 8, Streams.ForRun(nameof(MnistSized_28x28x1_To_26x26x8_ElementsDotIdentityAndExactValues)));
        var d = Data.Draw(c);
        var gradient = Backward(c, d.X, d.W, d.C);
        Verdict verdict = Verdict.All(ElementChecks(c, d, gradient, record: Recorded), DotIdentity(c, d, gradient, Recorded + " dot identity"), ExactCheck(c));
        Assert.True(verdict.Passed, verdict.Detail);
    }
}
