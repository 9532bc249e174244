using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;
using ReferenceNN.Verification.Support;
using Xunit;
using F = ReferenceNN.Formulas.Softmax;

namespace ReferenceNN.Verification.Formulas;

/// <summary>
/// Softmax's formulas (Reference/Library/Formulas/Softmax): Forward against a 200-bit evaluation of e^(x_i)/Σ e^(x_l)
/// (no shift needed there), InputError against the dual Jacobian of Forward, on logits up to ±840.
/// </summary>
public class SoftmaxTests
{
    public static class Cases
    {
        public static Arbitrary<SoftmaxCase> SoftmaxCase() => FormulaArbitraries.SoftmaxCase();
    }

    public static readonly DualFormula Forward = (a, y) => F.Forward<Dual<double>>(a[0], y);

    public static double[] ForwardOnDouble(double[] x)
    {
        var y = new double[x.Length];
        F.Forward<double>(x, y);
        return y;
    }

    public static double[] InputError(double[] y, double[] dy)
    {
        var dx = new double[y.Length];
        F.InputError<double>(y, dy, dx);
        return dx;
    }

    /// <summary>
    /// The magnitude of InputError's own terms, y_i(|c_i| + Σ|c_l·y_l|): its c_i − ⟨c, Y⟩ cancels when one y_l is near 1
    /// (a peaked softmax), which a correct formula in this written form cannot avoid (docs/Verification/Accuracy.md).
    /// </summary>
    public static double[] TermMagnitude(double[] y, double[] dy)
    {
        double dot = y.Select((value, l) => Math.Abs(value * dy[l])).Sum();
        return y.Select((value, i) => Math.Abs(value) * (Math.Abs(dy[i]) + dot)).ToArray();
    }

    [SeededProperty(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public Property InputError_EveryElement_IsTheDualColumnDottedWithTheUpstream(SoftmaxCase c)
    {
        double[] x = c.Input(), dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom()), y = ForwardOnDouble(x);
        return DualCheck.Columns(c.ToString(), Forward, [x], c.Length, 0, dy, InputError(y, dy), extraMagnitude: TermMagnitude(y, dy),
            record: "Formulas/Softmax dual").ToProperty();
    }

    [SeededProperty(MaxTest = 100, Arbitrary = [typeof(Cases)])]
    public Property InputError_DotProductIdentity_HoldsForRandomUpstreamAndDirection(SoftmaxCase c)
    {
        double[] x = c.Input(), dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom()), y = ForwardOnDouble(x);
        double[] v = RandomValues.Uniform(c.Length, c.Streams.DirectionRandom()), dx = InputError(y, dy), terms = TermMagnitude(y, dy);
        // scale: Σ_i |v_i|·max(y_i(|c_i| + Σ|c_l y_l|), Σ_j |c_j|·|J_ji|), the Jacobian from dual columns
        double scale = 0;
        Dual<double>[] input = Duals.Of(x);
        var output = new Dual<double>[c.Length];
        for (int i = 0; i < c.Length; i++)
        {
            input[i] = Dual<double>.Variable(x[i]);
            Forward([input], output);
            input[i] = Dual<double>.Constant(x[i]);
            double column = output.Select((o, j) => Math.Abs(dy[j] * o.Tangent)).Sum();
            scale += Math.Abs(v[i]) * Math.Max(column, terms[i]);
        }
        return DualCheck.DotIdentity(c.ToString(), Forward, [x], [v], c.Length, dy, [dx], scale, "Formulas/Softmax dual dot identity").ToProperty();
    }

    [SeededProperty(MaxTest = 15, Arbitrary = [typeof(Cases)])]
    public Property InputError_RoundedToFloat_IsRejected(SoftmaxCase c)
    {
        double[] x = c.Input(), dy = RandomValues.Uniform(c.Length, c.Streams.UpstreamRandom()), y = ForwardOnDouble(x);
        double[] rounded = RandomValues.RoundedToFloat(InputError(y, dy));
        // One logit, or (nearly) all mass on one: ∂E/∂X is 0 or tiny beside its terms' scale y_i(|c_i| + Σ|c_l y_l|) ~ |c|,
        // which the tolerance must allow (the written formula's own error is that large there), so a float32 result
        // is only visible when no y_l exceeds 0.99.
        bool nontrivial = c.Length > 1 && y.Max() <= 0.99;
        return Prop.When(nontrivial, () => !DualCheck.Columns(c.ToString(), Forward, [x], c.Length, 0, dy, rounded, extraMagnitude: TermMagnitude(y, dy)).Passed);
    }

    [SeededProperty(MaxTest = 60, Arbitrary = [typeof(Cases)])]
    public Property Forward_IsWithinItsBoundOfTheHighPrecisionValue(SoftmaxCase c)
    {
        double[] x = c.Input(), y = ForwardOnDouble(x);
        BigFloat[] e = x.Select(value => HighPrecision.Exp(BigFloat.Of(value))).ToArray();
        BigFloat sum = BigFloat.Zero;
        foreach (BigFloat term in e) sum += term;
        double max = x.Max();
        var failures = Enumerable.Range(0, x.Length)
            .Select(i => (i, ulps: Math.Abs((e[i] / sum).UlpsTo(y[i])), bound: ForwardBound(x[i] - max, x.Length)))
            .Where(t => !(t.ulps <= t.bound)).ToArray();
        return (failures.Length == 0).Label($"{c}: " + string.Join(", ", failures.Select(f => $"y[{f.i}] off by {f.ulps} ulps (bound {f.bound})")));
    }

    /// <summary>
    /// The error bound of y_i in ulps (docs/Verification/Accuracy.md): d = x_i − max rounds by up to |d|·2⁻⁵³ relative,
    /// which e^d passes on (|d| ulps); e^d itself 1 ulp (2 units of 2⁻⁵³); the sum of n terms (n − 1) roundings plus its
    /// terms' own errors weighted by e^(d_l) ≤ 1, Σ e^(d_l)·|d_l| ≤ (n − 1)/e; the division ½.
    /// </summary>
    public static double ForwardBound(double shifted, int n) => Math.Abs(shifted) + 4.5 + (n - 1) * (1 + 1 / Math.E);

    [Fact]
    public void Accuracy_ForwardAndInputError_WithinTheirBounds()
    {
        var random = new Rng(Streams.ForRun(nameof(Accuracy_ForwardAndInputError_WithinTheirBounds)).Input);
        foreach (Accuracy.Check check in new[] { Accuracy.SoftmaxForward, Accuracy.SoftmaxInputError })
        {
            Measurement m = check.Measure(random, 60);
            Assert.True(m.WithinBound, m.ToString());
        }
    }

    [Fact]
    public void Forward_LogitsBeyondExpsOverflow_AreTheHighPrecisionValues()
    {
        // e^800 overflows a double; e^(x − max) does not. Without the shift every output would be NaN.
        double[] x = [800, 799, 790, -800];
        double[] y = ForwardOnDouble(x);
        BigFloat[] e = x.Select(value => HighPrecision.Exp(BigFloat.Of(value))).ToArray();
        BigFloat sum = e.Aggregate(BigFloat.Zero, (s, t) => s + t);
        for (int i = 0; i < x.Length; i++) Assert.True(Math.Abs((e[i] / sum).UlpsTo(y[i])) <= Math.Abs(x[i] - 800) + 3, $"y[{i}] = {y[i]}");
    }

    [Theory]
    [InlineData(new[] { 0.0, 800.0 }, new[] { 0.0, 1.0 })]
    [InlineData(new[] { -800.0, 0.0, 800.0 }, new[] { 0.0, 0.0, 1.0 })]
    [InlineData(new[] { 800.0, 0.0 }, new[] { 1.0, 0.0 })]
    [InlineData(new[] { 1.0, 800.0, 800.0 }, new[] { 0.0, 0.5, 0.5 })]
    public void Forward_ShiftsByTheLargestInputWhereverItIs_SoNothingOverflows(double[] input, double[] expected)
    {
        // e^800 overflows; shifted by the maximum, wherever it sits, every exponent is ≤ 0.
        double[] output = new double[input.Length];
        F.Forward<double>(input, output);
        Assert.Equal(expected, output);
    }
}
