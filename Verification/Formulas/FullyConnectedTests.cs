using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.FullyConnected;

namespace ReferenceNN.Verification.Formulas;

/// <summary>
/// The fully connected formulas (Reference/Library/Formulas/FullyConnected) against independent truth: exact
/// directional derivatives from dual numbers run through the literal Forward, and exact rational evaluation of the
/// index definitions on dyadic inputs.
/// </summary>
public class FullyConnectedTests
{
    private const string Recorded = "Formulas/FullyConnected dual";

    public static class Cases
    {
        public static Arbitrary<FcCase> FcCase() => FormulaArbitraries.FcCase();
    }

    /// <summary>One case's values: X, W, B from their streams, c the upstream gradient, v a direction for each argument.</summary>
    public sealed record Data(double[] X, double[] W, double[] B, double[] C, double[] VX, double[] VW, double[] VB)
    {
        public static Data Draw(FcCase c)
        {
            Rng parameters = c.Streams.ParametersRandom(), direction = c.Streams.DirectionRandom();
            int i = c.InputSize, j = c.OutputSize;
            return new Data(
                RandomValues.Uniform(i, c.Streams.InputRandom(), -2, 2),
                RandomValues.Uniform(i * j, parameters, -0.5, 0.5),
                RandomValues.Uniform(j, parameters, -0.5, 0.5),
                RandomValues.Uniform(j, c.Streams.UpstreamRandom()),
                RandomValues.Uniform(i, direction), RandomValues.Uniform(i * j, direction), RandomValues.Uniform(j, direction));
        }

        public double[][] Arguments => [X, W, B];
    }

    /// <summary>The literal Forward on dual numbers: arguments X, W, B.</summary>
    public static readonly DualFormula Forward = (a, y) => F.Forward<Dual<double>>(a[0], a[1], a[2], y);

    /// <summary>The three backward formulas on double.</summary>
    public static (double[] X, double[] W, double[] B) Backward(double[] x, double[] w, double[] c)
    {
        double[] dx = new double[x.Length], dw = new double[w.Length], db = new double[c.Length];
        F.InputError<double>(c, w, dx);
        F.WeightsError<double>(x, c, dw);
        F.BiasError<double>(c, db);
        return (dx, dw, db);
    }

    /// <summary>
    /// Every element of ∂E/∂X, ∂E/∂W and ∂E/∂B against ⟨c, J·e⟩; of ∂E/∂X and ∂E/∂W at most <paramref name="sample"/>
    /// (drawn independently of the values), which leaves every element of the generator's usual sizes (i ≤ 40, so
    /// i·j ≤ 1600 is sampled only above 256) and 256 of the 784 inputs and 78 400 weights at the MNIST size. A <paramref name="record"/> name keeps the worst error in worst-errors.tsv.
    /// </summary>
    public static Verdict ElementChecks(FcCase c, Data d, (double[] X, double[] W, double[] B) gradient, int sample = 256, string? record = null)
    {
        int j = c.OutputSize;
        var pick = new Rng(c.Streams.Direction ^ 0x51ab);
        int all = sample >= 256 ? int.MaxValue : sample; // B: every element, unless a smaller sample is asked for
        return Verdict.All(
            DualCheck.Columns($"{c}: ∂E/∂X", Forward, d.Arguments, j, 0, d.C, gradient.X, DualCheck.Sample(d.X.Length, sample, pick), record: record?.Insert(record.Length, " ∂E/∂X")),
            DualCheck.Columns($"{c}: ∂E/∂W", Forward, d.Arguments, j, 1, d.C, gradient.W, DualCheck.Sample(d.W.Length, sample, pick), record: record?.Insert(record.Length, " ∂E/∂W")),
            DualCheck.Columns($"{c}: ∂E/∂B", Forward, d.Arguments, j, 2, d.C, gradient.B, DualCheck.Sample(d.B.Length, all, pick), record: record?.Insert(record.Length, " ∂E/∂B")));
    }

    public static Verdict DotIdentity(FcCase c, Data d, (double[] X, double[] W, double[] B) gradient, string? record = null)
    {
        double[][] v = [d.VX, d.VW, d.VB];
        double[][] g = [gradient.X, gradient.W, gradient.B];
        double scale = DualCheck.Scale(Forward, d.Arguments, v, c.OutputSize, d.C, g, absoluteValues: true);
        return DualCheck.DotIdentity(c.ToString(), Forward, d.Arguments, v, c.OutputSize, d.C, g, scale, record);
    }

    [SeededProperty(MaxTest = 30, Arbitrary = [typeof(Cases)])]
    public Property Backward_EveryElement_IsTheDualColumnDottedWithTheUpstream(FcCase c)
    {
        var d = Data.Draw(c);
        return ElementChecks(c, d, Backward(d.X, d.W, d.C), record: Recorded).ToProperty();
    }

    [SeededProperty(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public Property Backward_DotProductIdentity_HoldsForRandomUpstreamAndDirection(FcCase c)
    {
        var d = Data.Draw(c);
        return DotIdentity(c, d, Backward(d.X, d.W, d.C), Recorded + " dot identity").ToProperty();
    }

    [SeededProperty(MaxTest = 15, Arbitrary = [typeof(Cases)])]
    public Property Backward_RoundedToFloat_IsRejectedElementByElement(FcCase c)
    {
        var d = Data.Draw(c);
        (double[] x, double[] w, double[] b) = Backward(d.X, d.W, d.C);
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
    /// Dyadic inputs (<see cref="ExactData"/>) make every operation of the formulas exact, so Forward and the three
    /// backward formulas must equal the exact rational values of their index definitions, bit for bit.
    /// </summary>
    [SeededProperty(MaxTest = 30, Arbitrary = [typeof(Cases)])]
    public Property FormulasOnDyadicInputs_AreTheExactValuesOfTheIndexDefinitions(FcCase c) =>
        c.IsMnistSized ? Prop.When(false, () => true) : ExactCheck(c).ToProperty(); // the MNIST size has its own test

    /// <summary>
    /// X, W, B, c are a·2⁻ᵉ with |a| &lt; 2¹⁰, 0 ≤ e ≤ 10. Every product x·w (or c·w, x·c) is then an integer multiple of
    /// 2⁻²⁰ below 2²⁰, and a sum of at most 2¹⁰ of them (784 here), with the bias (a multiple of 2⁻¹⁰ below 2¹⁰), an
    /// integer multiple of 2⁻²⁰ below 2³¹: fewer than 2⁵¹ units, so every partial sum in any order is a double and
    /// no operation rounds.
    /// </summary>
    public static (double[] X, double[] W, double[] B, double[] C) ExactData(FcCase c) =>
        (RandomValues.Dyadic(c.InputSize, c.Streams.InputRandom()),
         RandomValues.Dyadic(c.InputSize * c.OutputSize, c.Streams.ParametersRandom()),
         RandomValues.Dyadic(c.OutputSize, c.Streams.DirectionRandom()),
         RandomValues.Dyadic(c.OutputSize, c.Streams.UpstreamRandom()));

    private static Verdict ExactCheck(FcCase c)
    {
        (double[] x, double[] w, double[] b, double[] dy) = ExactData(c);
        var y = new double[c.OutputSize];
        F.Forward<double>(x, w, b, y);
        (double[] dx, double[] dw, double[] db) = Backward(x, w, dy);
        Rational[] ex = ExactFormulas.Of(x), ew = ExactFormulas.Of(w);
        (Rational[] X, Rational[] W, Rational[] B) exact = ExactFormulas.FullyConnectedBackward(ex, ew, ExactFormulas.Of(dy));
        return Verdict.All(
            Agreement.Exactly($"{c}: Forward", y, ExactFormulas.FullyConnectedForward(ex, ew, ExactFormulas.Of(b))),
            Agreement.Exactly($"{c}: InputError", dx, exact.X),
            Agreement.Exactly($"{c}: WeightsError", dw, exact.W),
            Agreement.Exactly($"{c}: BiasError", db, exact.B));
    }

    [Fact]
    public void MnistSized_784To100_ElementsDotIdentityAndExactValues()
    {
        var c = new FcCase(784, 100, Streams.ForRun(nameof(MnistSized_784To100_ElementsDotIdentityAndExactValues)));
        var d = Data.Draw(c);
        var gradient = Backward(d.X, d.W, d.C);
        Verdict verdict = Verdict.All(ElementChecks(c, d, gradient, record: Recorded), DotIdentity(c, d, gradient, Recorded + " dot identity"), ExactCheck(c));
        Assert.True(verdict.Passed, verdict.Detail);
    }

    [Fact]
    public void Backward_OneElementOffByOnePartInAThousand_IsRejected()
    {
        var c = new FcCase(20, 10, Streams.ForRun(nameof(Backward_OneElementOffByOnePartInAThousand_IsRejected)));
        var d = Data.Draw(c);
        var (x, w, b) = Backward(d.X, d.W, d.C);
        int smallest = Enumerable.Range(0, x.Length).MinBy(n => Math.Abs(x[n]));
        x[smallest] *= 1.001;
        Assert.False(ElementChecks(c, d, (x, w, b)).Passed);
    }
}
