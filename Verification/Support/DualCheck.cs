using System;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ReferenceNN.Verification.Exact;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// The outcome of a comparison: whether it passed, the worst error as a fraction of what the tolerance allows (≤ 1
/// passes), the worst error relative to the tensor's scale, and a line that says where.
/// </summary>
public sealed record Verdict(bool Passed, double WorstFraction, double WorstRelative, string Detail)
{
    /// <summary>The verdict as an FsCheck property, labelled with its detail.</summary>
    public Property ToProperty() => Passed.Label(Detail);

    /// <summary>Passes when every verdict passes; the detail lists the failing ones (or all, if none fails).</summary>
    public static Verdict All(params Verdict[] verdicts)
    {
        Verdict[] failing = verdicts.Where(v => !v.Passed).ToArray();
        Verdict[] shown = failing.Length > 0 ? failing : verdicts;
        return new Verdict(failing.Length == 0,
            verdicts.Max(v => double.IsNaN(v.WorstFraction) ? double.PositiveInfinity : v.WorstFraction),
            verdicts.Max(v => double.IsNaN(v.WorstRelative) ? double.PositiveInfinity : v.WorstRelative),
            string.Join("\n", shown.Select(v => v.Detail)));
    }
}

/// <summary>
/// The tolerance model of the formula-level tests (docs/Verification/Accuracy.md, "Tolerance model").
/// </summary>
/// <remarks>
/// <para>
/// A tensor r (the reference, from dual numbers) and a (the library's backward formula) agree when every element has
/// <c>|a_n − r_n| ≤ Rtol·S</c>, <c>Rtol = 1e-12</c>, where S is the tensor's scale: the largest, over its elements, of
/// the sum of the absolute values of the terms the element is made of (for ⟨c, J·eₙ⟩: Σ_j |c_j·(J·eₙ)_j|). S ≥ max|r|,
/// and S = max|r| when no element's terms cancel.
/// </para>
/// <para>
/// Why 1e-12. Each side is a sum of at most N products in some order; recursive summation in double is off by at most
/// γ_N·Σ|terms| with γ_N = N·u/(1 − N·u), u = 2⁻⁵³ (Higham, Accuracy and Stability of Numerical Algorithms, §3.1).
/// Both sides together: |a − r| ≤ 2γ_N·S, which stays below 1e-12·S for N ≤ 4500 terms. The largest sums in these
/// tests have 784 terms (FC 784×100) and 676 nonzero terms (a 26×26 output map), so a correct formula always passes
/// with a margin, at any scale (S moves with the data). A float32 result is off by up to 2⁻²⁴ ≈ 6e-8 relative,
/// 60 000 times the tolerance; a wrong index, sign or factor is off by O(S).
/// </para>
/// </remarks>
public static class Agreement
{
    /// <summary>The relative tolerance, applied to the tensor's scale.</summary>
    public const double Rtol = 1e-12;

    /// <summary>
    /// Every |actual_n − reference_n| ≤ <see cref="Rtol"/>·S, S = max_n max(magnitude_n, |reference_n|). A NaN on either
    /// side fails (the tests' inputs are finite, so a NaN is a defect even when both sides have it); an ∞ passes only
    /// when both sides hold the same one.
    /// </summary>
    public static Verdict PerTensor(string what, ReadOnlySpan<double> actual, ReadOnlySpan<double> reference, ReadOnlySpan<double> magnitude,
        Func<int, string>? name = null)
    {
        if (actual.Length != reference.Length) return new Verdict(false, double.PositiveInfinity, double.PositiveInfinity, $"{what}: {actual.Length} elements, expected {reference.Length}");
        double scale = 0;
        for (int n = 0; n < reference.Length; n++) scale = Math.Max(scale, Math.Max(Math.Abs(magnitude[n]), Math.Abs(reference[n])));
        double worstFraction = 0, worstRelative = 0;
        int worst = -1;
        for (int n = 0; n < actual.Length; n++)
        {
            double fraction;
            if (double.IsNaN(actual[n]) || double.IsNaN(reference[n])) fraction = double.PositiveInfinity; // inputs are finite: NaN is a defect
            else if (actual[n] == reference[n]) fraction = 0;
            else
            {
                double error = Math.Abs(actual[n] - reference[n]);
                fraction = double.IsFinite(error) ? error / (Rtol * scale) : double.PositiveInfinity;
                if (double.IsNaN(fraction)) fraction = double.PositiveInfinity;
                worstRelative = Math.Max(worstRelative, double.IsFinite(error) && scale > 0 ? error / scale : double.PositiveInfinity);
            }
            if (worst < 0 || fraction > worstFraction)
            {
                worstFraction = fraction;
                worst = n;
            }
        }
        bool passed = worstFraction <= 1;
        string at = worst < 0 ? "(empty)" : (name?.Invoke(worst) ?? $"[{worst}]");
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"{what}: {(passed ? "agree" : "DIFFER")}, worst at {at}: library {(worst < 0 ? 0 : actual[worst]):R}, reference {(worst < 0 ? 0 : reference[worst]):R}, |error|/scale {worstRelative:E2} (tolerance {Rtol:E0}, scale {scale:E3})");
        return new Verdict(passed, worstFraction, worstRelative, detail);
    }

    /// <summary>One number: |actual − reference| ≤ <see cref="Rtol"/>·max(magnitude, |reference|).</summary>
    public static Verdict Scalar(string what, double actual, double reference, double magnitude) =>
        PerTensor(what, [actual], [reference], [magnitude], _ => "");

    /// <summary>
    /// Zero tolerance: every library value equals the exact value rounded to the nearest double (the exact value
    /// itself, when it is a double). −0 and +0 count as equal, as the exact value 0 has no sign.
    /// </summary>
    public static Verdict Exactly(string what, ReadOnlySpan<double> library, Rational[] exact)
    {
        if (library.Length != exact.Length) return new Verdict(false, double.PositiveInfinity, double.PositiveInfinity, $"{what}: {library.Length} elements, expected {exact.Length}");
        for (int n = 0; n < library.Length; n++)
        {
            double expected = exact[n].ToDouble();
            if (!(library[n] == expected))
            {
                return new Verdict(false, double.PositiveInfinity, double.PositiveInfinity, string.Create(CultureInfo.InvariantCulture,
                    $"{what}: element {n} is {library[n]:R}, the exact value is {exact[n]} = {expected:R} as the nearest double"));
            }
        }
        return new Verdict(true, 0, 0, $"{what}: all {library.Length} elements exact");
    }
}

/// <summary>A formula on dual numbers: its arguments (one array each) in, its output written.</summary>
public delegate void DualFormula(Dual<double>[][] arguments, Dual<double>[] output);

/// <summary>
/// Exact directional derivatives of a formula, from dual numbers, against a backward formula: element by element
/// (unit tangents) and as the dot-product identity ⟨c, J·v⟩ = ⟨Jᵀ·c, v⟩.
/// </summary>
public static class DualCheck
{
    /// <summary>
    /// For each element e of argument <paramref name="argument"/> (all, or those listed in <paramref name="elements"/>):
    /// the column J·e_e from the forward formula run on dual numbers with tangent 1 at e and 0 elsewhere, then
    /// ⟨c, J·e_e⟩, against gradient[e] (the backward formula's Jᵀ·c). Scale: the largest Σ_j |c_j·(J·e_e)_j|, or
    /// <paramref name="extraMagnitude"/>[e] when that is larger (for a backward formula whose own terms cancel more than
    /// the Jacobian's). When <paramref name="record"/> is given, the worst |error|/scale is kept under that name in
    /// worst-errors.tsv (<see cref="WorstErrors"/>).
    /// </summary>
    public static Verdict Columns(string what, DualFormula forward, double[][] arguments, int outputLength, int argument,
        ReadOnlySpan<double> upstream, ReadOnlySpan<double> gradient, int[]? elements = null, double[]? extraMagnitude = null, string? record = null)
    {
        Dual<double>[][] duals = arguments.Select(a => Duals.Of(a)).ToArray();
        var output = new Dual<double>[outputLength];
        double[] values = arguments[argument];
        elements ??= Enumerable.Range(0, values.Length).ToArray();
        var expected = new double[elements.Length];
        var actual = new double[elements.Length];
        var magnitude = new double[elements.Length];
        for (int k = 0; k < elements.Length; k++)
        {
            int e = elements[k];
            duals[argument][e] = Dual<double>.Variable(values[e]);
            forward(duals, output);
            duals[argument][e] = Dual<double>.Constant(values[e]);
            double sum = 0, absolute = 0;
            for (int j = 0; j < outputLength; j++)
            {
                double term = upstream[j] * output[j].Tangent;
                sum += term;
                absolute += Math.Abs(term);
            }
            expected[k] = sum;
            magnitude[k] = extraMagnitude is null ? absolute : Math.Max(absolute, extraMagnitude[e]);
            actual[k] = gradient[e];
        }
        Verdict verdict = Agreement.PerTensor(what, actual, expected, magnitude, k => $"[{elements[k]}]");
        if (record is not null) WorstErrors.Record(record, verdict.WorstRelative);
        return verdict;
    }

    /// <summary>
    /// ⟨c, J·v⟩ from one forward run with tangents v (a null direction is 0) against Σ_args ⟨gradient, v⟩, to within
    /// <see cref="Agreement.Rtol"/>·scale.
    /// </summary>
    public static Verdict DotIdentity(string what, DualFormula forward, double[][] arguments, double[]?[] directions, int outputLength,
        ReadOnlySpan<double> upstream, double[]?[] gradients, double scale, string? record = null)
    {
        var duals = new Dual<double>[arguments.Length][];
        for (int a = 0; a < arguments.Length; a++) duals[a] = Duals.Of(arguments[a], directions[a]);
        var output = new Dual<double>[outputLength];
        forward(duals, output);
        double left = 0;
        for (int j = 0; j < outputLength; j++) left += upstream[j] * output[j].Tangent;
        double right = 0;
        for (int a = 0; a < arguments.Length; a++)
        {
            if (directions[a] is not double[] v || gradients[a] is not double[] g) continue;
            for (int n = 0; n < v.Length; n++) right += g[n] * v[n];
        }
        Verdict verdict = Agreement.Scalar($"{what}: ⟨Jᵀc, v⟩ against ⟨c, J·v⟩", right, left, scale);
        if (record is not null) WorstErrors.Record(record, verdict.WorstRelative);
        return verdict;
    }

    /// <summary>
    /// The scale of a dot identity: Σ_j |c_j|·(|J|·|v|)_j, from one forward run with |v| as tangents and, when
    /// <paramref name="absoluteValues"/>, |x| as values. For a formula multilinear in its arguments with no other
    /// operations (FC, convolution), the run on absolute values gives |J|·|v| exactly up to rounding; for a selection
    /// or scaling (pooling, flatten, dropout), each output is one term and the real values give it.
    /// Adds Σ |gradient|·|v|, the backward side's own magnitude.
    /// </summary>
    public static double Scale(DualFormula forward, double[][] arguments, double[]?[] directions, int outputLength,
        ReadOnlySpan<double> upstream, double[]?[] gradients, bool absoluteValues)
    {
        var duals = new Dual<double>[arguments.Length][];
        for (int a = 0; a < arguments.Length; a++)
        {
            double[] values = absoluteValues ? arguments[a].Select(Math.Abs).ToArray() : arguments[a];
            double[]? tangents = directions[a]?.Select(Math.Abs).ToArray();
            duals[a] = Duals.Of(values, tangents);
        }
        var output = new Dual<double>[outputLength];
        forward(duals, output);
        double scale = 0;
        for (int j = 0; j < outputLength; j++) scale += Math.Abs(upstream[j]) * Math.Abs(output[j].Tangent);
        double backward = 0;
        for (int a = 0; a < arguments.Length; a++)
        {
            if (directions[a] is not double[] v || gradients[a] is not double[] g) continue;
            for (int n = 0; n < v.Length; n++) backward += Math.Abs(g[n] * v[n]);
        }
        return Math.Max(scale, backward);
    }

    /// <summary>Up to <paramref name="count"/> distinct elements of 0..length−1 (all when length ≤ count), drawn from <paramref name="random"/>.</summary>
    public static int[] Sample(int length, int count, Rng random)
    {
        int[] all = Enumerable.Range(0, length).ToArray();
        if (length <= count) return all;
        random.Shuffle(all);
        return all[..count];
    }
}
