using ReferenceNN.Verification.Support;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using F = ReferenceNN.Formulas;

namespace ReferenceNN.Verification.Exact;

/// <summary>
/// One accuracy measurement: the worst error of a library formula on double against its high-precision (or exact)
/// value, over a domain, in ulps of the exact result (or, for a formula whose terms cancel, in ulps of the terms'
/// magnitude: <see cref="Unit"/> says which).
/// </summary>
public sealed record Measurement(string Function, string Domain, int Cases, double WorstUlps, string WorstAt, double Bound, string Unit)
{
    public bool WithinBound => WorstUlps <= Bound;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Function} on {Domain}: worst {WorstUlps:0.###} {Unit} at {WorstAt} over {Cases} values (bound {Bound})");
}

/// <summary>
/// The accuracy of the library's transcendental formulas on double, measured against <see cref="HighPrecision"/>
/// (200-bit <see cref="BigFloat"/>, written for the verification) or against <see cref="Rational"/> where the formula
/// is rational in its inputs. Each measurement draws its points from the caller's random source, and adds fixed points
/// in the tails and near the places where naive formulas fail. The bounds are the ones the tests enforce and
/// docs/Verification/Accuracy.md tabulates.
/// </summary>
public static class Accuracy
{
    /// <summary>An accuracy check: its name, domain, bound and how to measure it with a random source and a number of random cases.</summary>
    public sealed record Check(string Function, string Domain, double Bound, string Unit, Func<Rng, int, Check, Measurement> Run)
    {
        public Measurement Measure(Rng random, int cases) => Run(random, cases, this);
    }

    private static readonly double[] ActivationPoints =
    [
        0.0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-10, -1e-10, 0.5, -0.5, 1, -1, 2.5, -2.5,
        19.0, -19.0, 19.06, -19.06, 20, -20, 36.7, -36.7, 37, -37, 39.99, -39.99, 40, -40,
    ];

    private static Check Activation(string function, double bound, Func<double, double> library, Func<BigFloat, BigFloat> exact) =>
        new(function, "x in [−40, 40]: uniform, plus ±0, ±5e-324, ±1e-300, ±1e-10 and the tails ±19…±40", bound, "ulp",
            (random, cases, check) =>
            {
                IEnumerable<double> points = ActivationPoints.Concat(Enumerable.Range(0, cases).Select(_ => 80 * random.NextDouble() - 40));
                var worst = new Worst();
                int count = 0;
                foreach (double x in points)
                {
                    worst.Add(Math.Abs(exact(BigFloat.Of(x)).UlpsTo(library(x))), () => $"x = {x:R}");
                    count++;
                }
                return worst.Result(check, count);
            });

    public static Check TanhFunction { get; } = Activation("tanh f", 2, F.Tanh.Function<double>, HighPrecision.Tanh);

    public static Check TanhDerivative { get; } = Activation("tanh f′", 6, F.Tanh.Derivative<double>, HighPrecision.TanhDerivative);

    public static Check SigmoidFunction { get; } = Activation("sigmoid f", 3.5, F.Sigmoid.Function<double>, HighPrecision.Sigmoid);

    public static Check SigmoidDerivative { get; } = Activation("sigmoid f′", 6, F.Sigmoid.Derivative<double>, HighPrecision.SigmoidDerivative);

    public static Check SoftplusFunction { get; } = Activation("softplus f", 7.5, F.Softplus.Function<double>, HighPrecision.Softplus);

    public static Check SoftplusDerivative { get; } = Activation("softplus f′", 3.5, F.Softplus.Derivative<double>, HighPrecision.Sigmoid);

    /// <summary>The article's tanh′ = 1 − tanh²x, computed in double: for the record, not a library formula.</summary>
    public static Check ArticleTanhDerivative { get; } = Activation("article's tanh′ = 1 − tanh²x (not in the library)", double.PositiveInfinity,
        x => 1 - Math.Tanh(x) * Math.Tanh(x), HighPrecision.TanhDerivative);

    private static readonly double[] SoftmaxOffsets = [0, 0, 3, -30, 800, -800];
    private static readonly double[] SoftmaxSpreads = [0.5, 5, 40];

    private static double[] Logits(Rng random, out string description)
    {
        int n = random.Next(1, 65);
        double offset = SoftmaxOffsets[random.Next(SoftmaxOffsets.Length)], spread = SoftmaxSpreads[random.Next(SoftmaxSpreads.Length)];
        description = string.Create(CultureInfo.InvariantCulture, $"n = {n}, logits {offset} ± {spread}");
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = offset + spread * (2 * random.NextDouble() - 1);
        return x;
    }

    /// <summary>Softmax: e^(x_i)/Σ e^(x_l) in 200 bits (no shift needed: the exponent does not overflow).</summary>
    public static Check SoftmaxForward { get; } = new("softmax Forward y_i", "n in [1, 64], logits offset ± spread, offsets 0, 3, −30, ±800, spreads 0.5, 5, 40",
        171, "ulp", (random, cases, check) =>
        {
            var worst = new Worst();
            int count = 0;
            for (int c = 0; c < cases; c++)
            {
                double[] x = Logits(random, out string description);
                var y = new double[x.Length];
                F.Softmax.Forward<double>(x, y);
                BigFloat[] e = x.Select(v => HighPrecision.Exp(BigFloat.Of(v))).ToArray();
                BigFloat sum = BigFloat.Zero;
                foreach (BigFloat term in e) sum += term;
                for (int i = 0; i < x.Length; i++)
                {
                    worst.Add(Math.Abs((e[i] / sum).UlpsTo(y[i])), () => $"{description}, i = {i}, x_i − max = {x[i] - x.Max():R}");
                    count++;
                }
            }
            return worst.Result(check, count);
        });

    /// <summary>
    /// Softmax's ∂E/∂x_i = y_i(c_i − Σ c_l y_l), exactly in rationals from the library's own Y and a random c, the
    /// error in ulps of the terms' magnitude y_i(|c_i| + Σ|c_l y_l|): the difference c_i − ⟨c, Y⟩ cancels when one
    /// y_l is near 1 and its c_l near c_i, so the error relative to the result itself is unbounded.
    /// </summary>
    public static Check SoftmaxInputError { get; } = new("softmax InputError ∂E/∂x_i", "Y = Forward of the logits above, c uniform in [−1, 1)",
        66, "ulp of Σ_{l≠i} |y_i·y_l·(c_i − c_l)|", (random, cases, check) =>
        {
            // The formula's own rounding: y_i·Σ_{l≠i} y_l(c_i − c_l) evaluated exactly on the double Y, against the
            // library's double evaluation, in ulps of the size of its terms.
            var worst = new Worst();
            int count = 0;
            for (int k = 0; k < cases; k++)
            {
                double[] x = Logits(random, out string description);
                var y = new double[x.Length];
                F.Softmax.Forward<double>(x, y);
                double[] c = x.Select(_ => 2 * random.NextDouble() - 1).ToArray();
                var g = new double[x.Length];
                F.Softmax.InputError<double>(y, c, g);
                for (int i = 0; i < y.Length; i++)
                {
                    Rational sum = Rational.Zero;
                    double terms = 0;
                    for (int l = 0; l < y.Length; l++)
                    {
                        if (l == i) continue;
                        sum += Rational.FromDouble(y[l]) * (Rational.FromDouble(c[i]) - Rational.FromDouble(c[l]));
                        terms += Math.Abs(y[i] * y[l] * (c[i] - c[l]));
                    }
                    worst.Add(UlpsOfScale(Rational.FromDouble(y[i]) * sum, g[i], terms), () => $"{description}, i = {i}, y_i = {y[i]:R}");
                    count++;
                }
            }
            return worst.Result(check, count);
        });

    /// <summary>
    /// The same InputError against the true ∂E/∂x_i = y_i(c_i − Σ_l c_l·y_l) with Y the softmax of the logits at 200 bits,
    /// in ulps of the Jacobian's own scale Σ_j |c_j·y_j(δ_ij − y_i)|: what the chain Forward then InputError delivers.
    /// For a peaked softmax this scale is tiny, and a form that cancels (y_i(c_i − ⟨c, Y⟩), the library's until this
    /// check found it) is off by up to 1e16 of its ulps; the form the library uses stays within a few n of them.
    /// </summary>
    public static Check SoftmaxInputErrorJacobianScale { get; } = new("softmax InputError ∂E/∂x_i, against the Jacobian's scale",
        "as above", 260, "ulp of Σ_j |c_j·y_j(δ_ij − y_i)|", (random, cases, check) =>
        {
            var worst = new Worst();
            int count = 0;
            for (int k = 0; k < cases; k++)
            {
                double[] x = Logits(random, out string description);
                var y = new double[x.Length];
                F.Softmax.Forward<double>(x, y);
                double[] c = x.Select(_ => 2 * random.NextDouble() - 1).ToArray();
                var g = new double[x.Length];
                F.Softmax.InputError<double>(y, c, g);
                double max = x.Max();
                var e = x.Select(v => HighPrecision.Exp(BigFloat.Of(v) - BigFloat.Of(max))).ToArray();
                BigFloat total = BigFloat.Zero;
                foreach (BigFloat v in e) total += v;
                BigFloat[] yTrue = e.Select(v => v / total).ToArray();
                BigFloat dot = BigFloat.Zero;
                for (int l = 0; l < y.Length; l++) dot += BigFloat.Of(c[l]) * yTrue[l];
                for (int i = 0; i < y.Length; i++)
                {
                    BigFloat exact = yTrue[i] * (BigFloat.Of(c[i]) - dot);
                    double jacobian = 0, yi = yTrue[i].ToDouble();
                    for (int j = 0; j < y.Length; j++) jacobian += Math.Abs(c[j] * yTrue[j].ToDouble() * ((i == j ? 1 : 0) - yi));
                    worst.Add(UlpsOfScale(exact, g[i], jacobian), () => string.Create(CultureInfo.InvariantCulture, $"{description}, i = {i}, y_i = {y[i]:R}, max y = {y.Max():R}"));
                    count++;
                }
            }
            return worst.Result(check, count);
        });

    private static double[] Distribution(Rng random, int n)
    {
        var t = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            t[i] = random.Next(3) == 0 ? 0 : random.NextDouble();
            sum += t[i];
        }
        if (sum == 0) { t[random.Next(n)] = 1; sum = 1; }
        for (int i = 0; i < n; i++) t[i] /= sum;
        return t;
    }

    /// <summary>Cross-entropy −Σ y*_i ln y_i, Y a softmax of random logits, Y* a random distribution with zeros.</summary>
    public static Check CrossEntropyValue { get; } = new("cross-entropy Value E", "n in [1, 64], Y = softmax of logits ± 0.5…40 (y_i down to 1e-35), Y* random with one third zeros",
        67, "ulp", (random, cases, check) =>
        {
            var worst = new Worst();
            for (int k = 0; k < cases; k++)
            {
                double[] x = Logits(random, out string description);
                var y = new double[x.Length];
                F.Softmax.Forward<double>(x, y);
                double[] t = Distribution(random, y.Length);
                if (y.Zip(t).Any(p => p.First == 0 && p.Second != 0)) continue; // E = ∞: outside the domain
                BigFloat sum = BigFloat.Zero;
                for (int i = 0; i < y.Length; i++)
                {
                    if (t[i] != 0) sum += BigFloat.Of(t[i]) * HighPrecision.Log(BigFloat.Of(y[i]));
                }
                double library = F.CrossEntropy.Value<double>(t, y);
                worst.Add(Math.Abs((-sum).UlpsTo(library)), () => description);
            }
            return worst.Result(check, cases);
        });

    /// <summary>Cross-entropy's −y*_i/y_i: one division, so it must be correctly rounded.</summary>
    public static Check CrossEntropyDerivative { get; } = new("cross-entropy Derivative ∂E/∂y_i", "as for Value", 0.5, "ulp",
        (random, cases, check) =>
        {
            var worst = new Worst();
            int count = 0;
            for (int k = 0; k < cases; k++)
            {
                double[] x = Logits(random, out string description);
                var y = new double[x.Length];
                F.Softmax.Forward<double>(x, y);
                double[] t = Distribution(random, y.Length);
                if (y.Zip(t).Any(p => p.First == 0 && p.Second != 0)) continue;
                var g = new double[y.Length];
                F.CrossEntropy.Derivative<double>(t, y, g);
                for (int i = 0; i < y.Length; i++)
                {
                    Rational exact = t[i] == 0 ? Rational.Zero : -Rational.FromDouble(t[i]) / Rational.FromDouble(y[i]);
                    worst.Add(Math.Abs(BigFloat.Of(exact).UlpsTo(g[i])), () => $"{description}, i = {i}");
                    count++;
                }
            }
            return worst.Result(check, count);
        });

    private static (double[] Target, double[] Output) BinaryCase(Rng random, bool wide)
    {
        int n = random.Next(1, 65);
        var t = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            int kind = random.Next(3);
            t[i] = kind == 0 ? 0 : kind == 1 ? 1 : random.NextDouble();
            y[i] = wide ? HighPrecision.Sigmoid(BigFloat.Of(60 * random.NextDouble() - 30)).ToDouble() : 0.05 + 0.9 * random.NextDouble();
        }
        return (t, y);
    }

    private static Check BinaryCrossEntropyValueCheck(bool wide) => new("binary cross-entropy Value E",
        wide ? "n in [1, 64], y = σ(u), u uniform in [−30, 30] (y from 1e-13 to 1 − 1e-13), y* 0, 1 or uniform"
             : "n in [1, 64], y uniform in [0.05, 0.95], y* 0, 1 or uniform in [0, 1)",
        152, "ulp", (random, cases, check) =>
        {
            var worst = new Worst();
            for (int k = 0; k < cases; k++)
            {
                (double[] t, double[] y) = BinaryCase(random, wide);
                BigFloat sum = BigFloat.Zero;
                for (int i = 0; i < y.Length; i++)
                {
                    if (t[i] != 0) sum += BigFloat.Of(t[i]) * HighPrecision.Log(BigFloat.Of(y[i]));
                    if (t[i] != 1) sum += (BigFloat.One - BigFloat.Of(t[i])) * HighPrecision.Log1P(-BigFloat.Of(y[i]));
                }
                BigFloat exact = -sum / BigFloat.Of(y.Length);
                double library = F.BinaryCrossEntropy.Value<double>(t, y);
                worst.Add(Math.Abs(exact.UlpsTo(library)), () => string.Create(CultureInfo.InvariantCulture,
                    $"n = {y.Length}, smallest y {y.Min():E2} (y* {t[Array.IndexOf(y, y.Min())]:R}), E = {library:E3}"));
            }
            return worst.Result(check, cases);
        });

    public static Check BinaryCrossEntropyValue { get; } = BinaryCrossEntropyValueCheck(wide: false);

    /// <summary>BCE on outputs near 0 and 1: ln(1 − y) with 1 − y rounded loses digits for small y (a finding, not enforced).</summary>
    public static Check BinaryCrossEntropyValueWide { get; } = BinaryCrossEntropyValueCheck(wide: true);

    /// <summary>
    /// BCE's (−y*/y + (1 − y*)/(1 − y))/n, exact in rationals, in ulps of the terms' magnitude (|y*/y| + |(1 − y*)/(1 − y)|)/n:
    /// the two terms cancel when y is near y*.
    /// </summary>
    public static Check BinaryCrossEntropyDerivative { get; } = new("binary cross-entropy Derivative ∂E/∂y_i",
        "n in [1, 64], y = σ(u), u uniform in [−30, 30], y* 0, 1 or uniform", 6, "ulp of (|y*/y| + |(1 − y*)/(1 − y)|)/n",
        (random, cases, check) =>
        {
            var worst = new Worst();
            int count = 0;
            for (int k = 0; k < cases; k++)
            {
                (double[] t, double[] y) = BinaryCase(random, wide: true);
                var g = new double[y.Length];
                F.BinaryCrossEntropy.Derivative<double>(t, y, g);
                Rational n = Rational.Of(y.Length);
                for (int i = 0; i < y.Length; i++)
                {
                    Rational target = Rational.FromDouble(t[i]), output = Rational.FromDouble(y[i]);
                    Rational exact = (-target / output + (Rational.One - target) / (Rational.One - output)) / n;
                    double terms = (Math.Abs(t[i] / y[i]) + Math.Abs((1 - t[i]) / (1 - y[i]))) / y.Length;
                    worst.Add(UlpsOfScale(exact, g[i], terms), () => string.Create(CultureInfo.InvariantCulture, $"y = {y[i]:R}, y* = {t[i]:R}"));
                    count++;
                }
            }
            return worst.Result(check, count);
        });

    /// <summary>The same BCE derivative, its error in ulps of the result itself: unbounded where y is near y* (a finding).</summary>
    public static Check BinaryCrossEntropyDerivativeRelative { get; } = new("binary cross-entropy Derivative ∂E/∂y_i, against itself",
        "as above", 6, "ulp", (random, cases, check) =>
        {
            var worst = new Worst();
            int count = 0;
            for (int k = 0; k < cases; k++)
            {
                (double[] t, double[] y) = BinaryCase(random, wide: true);
                for (int i = 0; i < y.Length; i++) if (random.Next(4) == 0) t[i] = y[i] * (1 + (2 * random.NextDouble() - 1) * 1e-6); // y* near y
                var g = new double[y.Length];
                F.BinaryCrossEntropy.Derivative<double>(t, y, g);
                Rational n = Rational.Of(y.Length);
                for (int i = 0; i < y.Length; i++)
                {
                    Rational target = Rational.FromDouble(t[i]), output = Rational.FromDouble(y[i]);
                    Rational exact = (-target / output + (Rational.One - target) / (Rational.One - output)) / n;
                    worst.Add(Math.Abs(BigFloat.Of(exact).UlpsTo(g[i])), () => string.Create(CultureInfo.InvariantCulture, $"y = {y[i]:R}, y* = {t[i]:R}"));
                    count++;
                }
            }
            return worst.Result(check, count);
        });

    /// <summary>MSE's (1/n) Σ (y*_i − y_i)², exactly in rationals: a sum of squares, no cancellation.</summary>
    public static Check MeanSquaredErrorValue { get; } = new("mean squared error Value E", "n in [1, 64], y and y* uniform in [−1, 1)",
        67, "ulp", (random, cases, check) =>
        {
            var worst = new Worst();
            for (int k = 0; k < cases; k++)
            {
                int n = random.Next(1, 65);
                double[] t = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
                double[] y = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
                Rational exact = ExactFormulas.MeanSquaredError(ExactFormulas.Of(t), ExactFormulas.Of(y));
                worst.Add(Math.Abs(BigFloat.Of(exact).UlpsTo(F.MeanSquaredError.Value<double>(t, y))), () => $"n = {n}");
            }
            return worst.Result(check, cases);
        });

    /// <summary>MSE's 2(y_i − y*_i)/n: one subtraction and one division, each correctly rounded.</summary>
    public static Check MeanSquaredErrorDerivative { get; } = new("mean squared error Derivative ∂E/∂y_i", "as for Value", 1.5, "ulp",
        (random, cases, check) =>
        {
            var worst = new Worst();
            int count = 0;
            for (int k = 0; k < cases; k++)
            {
                int n = random.Next(1, 65);
                double[] t = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
                double[] y = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
                Rational[] exact = ExactFormulas.MeanSquaredErrorDerivative(ExactFormulas.Of(t), ExactFormulas.Of(y));
                var g = new double[n];
                F.MeanSquaredError.Derivative<double>(t, y, g);
                for (int i = 0; i < n; i++)
                {
                    worst.Add(Math.Abs(BigFloat.Of(exact[i]).UlpsTo(g[i])), () => $"n = {n}, i = {i}");
                    count++;
                }
            }
            return worst.Result(check, count);
        });

    /// <summary>Every check, in the order of the table.</summary>
    public static IReadOnlyList<Check> All { get; } =
    [
        TanhFunction, TanhDerivative, ArticleTanhDerivative, SigmoidFunction, SigmoidDerivative, SoftplusFunction, SoftplusDerivative,
        SoftmaxForward, SoftmaxInputError, SoftmaxInputErrorJacobianScale, CrossEntropyValue, CrossEntropyDerivative,
        BinaryCrossEntropyValue, BinaryCrossEntropyValueWide, BinaryCrossEntropyDerivative, BinaryCrossEntropyDerivativeRelative,
        MeanSquaredErrorValue, MeanSquaredErrorDerivative,
    ];

    /// <summary>|library − exact| in ulps of the double spacing at <paramref name="scale"/> (at least the spacing at the exact value).</summary>
    private static double UlpsOfScale(BigFloat exact, double library, double scale)
    {
        if (double.IsNaN(library) || double.IsInfinity(library)) return double.PositiveInfinity;
        BigFloat error = (BigFloat.Of(library) - exact).Abs();
        BigFloat exactValue = exact.Abs(), scaleValue = BigFloat.Of(scale);
        BigFloat unit = BigFloat.UlpOfDouble(scaleValue > exactValue ? scaleValue : exactValue);
        return (error / unit).ToDouble();
    }

    /// <summary>|library − exact| in ulps of the double spacing at <paramref name="scale"/> (at least the spacing at the exact value).</summary>
    private static double UlpsOfScale(Rational exact, double library, double scale)
    {
        if (double.IsNaN(library) || double.IsInfinity(library)) return double.PositiveInfinity;
        BigFloat error = (BigFloat.Of(Rational.FromDouble(library) - exact)).Abs();
        BigFloat exactValue = BigFloat.Of(exact).Abs(), scaleValue = BigFloat.Of(scale);
        BigFloat unit = BigFloat.UlpOfDouble(scaleValue > exactValue ? scaleValue : exactValue);
        return (error / unit).ToDouble();
    }

    private sealed class Worst
    {
        private double _worst = -1;
        private string _at = "";

        public void Add(double ulps, Func<string> where)
        {
            if (double.IsNaN(ulps)) ulps = double.PositiveInfinity;
            if (ulps > _worst)
            {
                _worst = ulps;
                _at = where();
            }
        }

        public Measurement Result(Check check, int cases) =>
            new(check.Function, check.Domain, cases, Math.Max(_worst, 0), _at, check.Bound, check.Unit);
    }
}
