using ReferenceNN.Networks;
using System;
using System.Collections.Generic;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Checking;

/// <summary>
/// Checks analytic derivatives against numerical ones, element by element: for each element v of each variable, the
/// numeric ∂E/∂v (Ridders' extrapolated central differences by default) must satisfy
/// <c>|analytic − numeric| ≤ rtol·|numeric| + stol·s + floor</c>, where s is the variable's scale (its largest
/// |numeric|), so that the test means the same at any scale of E, and floor is the uncertainty of the numeric
/// derivative at that element: the larger of the smallest derivative a difference quotient can see there
/// (<see cref="NoiseFloor"/>) and twice Ridders' estimate of its error. Layers are seen through a random upstream gradient c
/// (E = Σ c ⊙ Y, never all ones) or through a loss; losses and whole networks through their own E.
/// Docs: docs/Checking/GradientChecker.md and docs/Verification.md.
/// </summary>
public static class GradientChecker
{
    /// <summary>
    /// Checks a layer's inputError and every parameter's error at <paramref name="input"/> through E = Σ c ⊙ Y,
    /// with c drawn uniformly from [−1, 1) by <c>new SplitMix64(unchecked((ulong)seed))</c>; the report carries the seed.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> does not fit the layer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport CheckLayer(Layer layer, Tensor input, int seed, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Tensor upstream = RandomUpstream(layer.OutputShape, new SplitMix64(unchecked((ulong)seed)));
        using (new LayerSnapshots([layer])) return Check(Objective.ForLayer(layer, input, upstream), options, seed);
    }

    /// <summary>Checks a layer through E = Σ c ⊙ Y with the caller's upstream gradient c.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the layer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport CheckLayer(Layer layer, Tensor input, Tensor upstream, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        using (new LayerSnapshots([layer])) return Check(Objective.ForLayer(layer, input, upstream), options, null);
    }

    /// <summary>Checks a layer through a loss: E = loss(target, Layer(X)).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the layer or the loss.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport CheckLayer(Layer layer, Tensor input, Loss loss, Tensor target, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        using (new LayerSnapshots([layer])) return Check(Objective.ForLayer(layer, input, loss, target), options, null);
    }

    /// <summary>Checks a loss's outputError = ∂E/∂Y at <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport CheckLoss(Loss loss, Tensor target, Tensor output, GradientCheckOptions? options = null) =>
        Check(Objective.ForLoss(loss, target, output), options, null);

    /// <summary>Checks a whole network end to end through its loss: inputError and every layer's parameter errors.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the network.</exception>
    /// <exception cref="InvalidOperationException">The network has no layers or no loss.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport CheckNetwork(Network network, Tensor input, Tensor target, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        using (new LayerSnapshots(network.Layers)) return Check(Objective.ForNetwork(network, input, target), options, null);
    }

    /// <summary>
    /// Checks every variable of an objective. Each element is perturbed in place and restored bit for bit,
    /// so the layer or network is unchanged afterwards.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport Check(Objective objective, GradientCheckOptions? options = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= GradientCheckOptions.Default;
        options.Validate();
        var checks = new List<DerivativeCheck>(objective.Variables.Count);
        foreach (CheckedVariable variable in objective.Variables)
        {
            checks.Add(CheckVariable(objective, variable, options));
        }
        return new GradientCheckReport(checks, options, seed);
    }

    /// <summary>
    /// The numeric ∂E/∂v for every element v of <paramref name="variable"/>, with the element restored afterwards.
    /// </summary>
    public static Tensor NumericDerivative(Objective objective, CheckedVariable variable, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(variable);
        options ??= GradientCheckOptions.Default;
        options.Validate();
        var numeric = new Tensor(variable.Values.Shape);
        for (int n = 0; n < numeric.Length; n++)
        {
            numeric.Span[n] = NumericElement(objective, variable.Values, n, options, out _);
        }
        return numeric;
    }

    /// <summary>A tensor of <paramref name="shape"/> with elements uniform in [−1, 1): an upstream gradient that is never all ones.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static Tensor RandomUpstream(Shape shape, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var c = new Tensor(shape);
        Span<double> values = c.Span;
        for (int n = 0; n < values.Length; n++) values[n] = 2 * random.NextDouble() - 1;
        return c;
    }

    /// <summary>|a − n| / |n|; 0 when both are equal, +∞ when n is 0 and a is not.</summary>
    public static double RelativeError(double analytic, double numeric)
    {
        double difference = Math.Abs(analytic - numeric);
        return difference == 0 ? 0 : difference / Math.Abs(numeric);
    }

    private static DerivativeCheck CheckVariable(Objective objective, CheckedVariable variable, GradientCheckOptions options)
    {
        int count = variable.Values.Length;
        var numeric = new double[count];
        var floor = new double[count];
        double e0 = Math.Abs(objective.Evaluate()), scale = 0;
        for (int n = 0; n < count; n++)
        {
            numeric[n] = NumericElement(objective, variable.Values, n, options, out double error);
            floor[n] = Math.Max(NoiseFloor(e0, NumericalDerivative.Step(variable.Values.Span[n], options.StepScale)), 2 * error);
            scale = Math.Max(scale, Math.Abs(numeric[n]));
        }
        var failures = new List<ElementMismatch>();
        int failureCount = 0;
        double worstAbsolute = 0, worstRelative = 0, worstShare = 0;
        int worstPosition = 0;
        ReadOnlySpan<double> analytic = variable.Analytic.Span;
        for (int n = 0; n < count; n++)
        {
            double absolute = Math.Abs(analytic[n] - numeric[n]);
            double bound = options.RelativeTolerance * Math.Abs(numeric[n]) + options.ScaleTolerance * scale + floor[n];
            worstAbsolute = Math.Max(worstAbsolute, absolute);
            // absolute > 0 and bound ≥ 0 (the options are validated), so a zero bound gives +∞, as it must.
            if (absolute > 0) worstShare = Math.Max(worstShare, absolute / bound);
            if (Math.Abs(numeric[n]) > options.ScaleTolerance * scale && RelativeError(analytic[n], numeric[n]) > worstRelative)
            {
                worstRelative = RelativeError(analytic[n], numeric[n]);
                worstPosition = n;
            }
            if (!(absolute <= bound))
            {
                failureCount++;
                if (failures.Count < options.MaxFailuresListed)
                {
                    failures.Add(new ElementMismatch(variable.Values.IndexOf(n), analytic[n], numeric[n]));
                }
            }
        }
        return new DerivativeCheck(variable.Owner, variable.DerivativeName, variable.Values.Shape, failureCount, failures,
            worstAbsolute, worstRelative, variable.Values.IndexOf(worstPosition), scale, worstShare);
    }

    /// <summary>
    /// The smallest derivative a difference quotient can see at step h: 2⁻⁴⁴·|E|/h, a rounding error of about 256
    /// units in the last place of E (E is a sum, and its terms can be larger than E itself), divided by the step. Below
    /// it, E does not change measurably over the step, and the numeric derivative is 0 however small the true one is
    /// (tanh far in its tails, for instance). The checker allows each element the
    /// larger of this and twice Ridders' estimate of its own error, the uncertainty of the numeric derivative itself.
    /// </summary>
    internal static double NoiseFloor(double e0, double step) => Math.ScaleB(e0, -44) / step;

    /// <summary>The numeric ∂E/∂v for one element, and the method's estimate of its own error (0 when it has none).</summary>
    private static double NumericElement(Objective objective, Tensor values, int position, GradientCheckOptions options, out double error)
    {
        double original = values.Span[position];
        try
        {
            double F(double v)
            {
                values.Span[position] = v;
                return objective.Evaluate();
            }
            error = 0;
            return options.Method == DifferenceMethod.Ridders
                ? NumericalDerivative.Ridders(F, original, NumericalDerivative.Step(original, options.StepScale), out error)
                : NumericalDerivative.Estimate(F, original, options.Method, options.StepScale);
        }
        finally
        {
            values.Span[position] = original;
        }
    }
}
