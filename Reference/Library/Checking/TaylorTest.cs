using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ReferenceNN.Checking;

/// <summary>
/// The Taylor remainder test, which needs no step size. Along a random direction δ over all variables θ,
/// <c>R₁(ε) = |E(θ+εδ) − E(θ) − ε·⟨∇E, δ⟩|</c> must shrink as ε² when ∇E is right, while
/// <c>R₀(ε) = |E(θ+εδ) − E(θ)|</c> shrinks only as ε. With a wrong gradient R₁ keeps a term ε·⟨∇E_wrong − ∇E, δ⟩
/// and shrinks as ε once ε is small enough. So the rate that decides is the asymptotic one: the observed rate
/// log₂(R₁(ε)/R₁(ε/2)) over the smallest pairs of ε whose remainders stand above the noise floor of E
/// (<see cref="TaylorReport.NoiseFloor"/>); at the largest ε, third- and fourth-order terms can still pull the rate
/// away from 2 in either direction.
/// <para>A direction along which E has almost no curvature makes R₁ = |aε² + bε³ + …| with a ≈ 0, and a + bε can
/// cross zero inside the range: R₁ then grows as ε shrinks, and no rate means anything. Such a direction is
/// recognised by R₁ not decreasing strictly over the ε above the noise floor, and another direction is drawn
/// (seed + 1, seed + 2; at most <see cref="MaxDirections"/>). So is one whose asymptotic rate lands between 1.5 and
/// 1.9, where R₁ is still turning from third to second order when it reaches the noise floor. A wrong gradient cannot
/// hide this way: its R₁ ≈ ε·|⟨∇E_wrong − ∇E, δ⟩| decreases strictly at rate 1, and it fails on the first direction.</para>
/// <para>What it cannot see: an error e = ⟨∇E_wrong − ∇E, δ⟩ shows only where |e|·ε outweighs the second-order term
/// Q·ε², that is below ε ≈ |e|/Q, and above the noise floor; an error smaller than about Q·ε_min (ε_min = the smallest
/// ε, 1e-2·2⁻¹¹ by default) passes. Its measured resolution is in docs/Verification.md.</para>
/// Docs: docs/Checking/TaylorTest.md.
/// </summary>
public static class TaylorTest
{
    /// <summary>The asymptotic rate of R₁ (see <see cref="TaylorReport.Rate"/>) that a right gradient must reach.</summary>
    public const double RequiredRate = 1.9;

    /// <summary>Below <see cref="RequiredRate"/> but at least this, a rate is inconclusive, and another direction is drawn.</summary>
    public const double InconclusiveRate = 1.5;

    /// <summary>How many directions are drawn at most when a direction is degenerate or its rate inconclusive.</summary>
    public const int MaxDirections = 3;

    /// <summary>
    /// Runs the test on ε = 1e-2·2⁻ᵏ, k = 0..11, with δ drawn uniform in [−1, 1) by <c>new SplitMix64(unchecked((ulong)seed))</c> and scaled to
    /// unit length.
    /// The variables are restored bit for bit afterwards.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    public static TaylorReport Run(Objective objective, int seed) => Run(objective, seed, 1e-2, DefaultCount);

    /// <summary>How many ε <see cref="Run(Objective, int)"/> takes.</summary>
    public const int DefaultCount = 12;

    /// <summary>Runs the test on ε = <paramref name="firstEpsilon"/>·2⁻ᵏ, k = 0 .. <paramref name="count"/> − 1.</summary>
    /// <param name="objective">E and its variables.</param>
    /// <param name="seed">Seed of the direction δ.</param>
    /// <param name="firstEpsilon">The largest ε.</param>
    /// <param name="count">How many ε, halving each time.</param>
    /// <param name="afterEvaluation">
    /// Called with ε right after E(θ + εδ) is evaluated, while the variables still hold θ + εδ: a probe, for example to
    /// confirm that no ReLU or max-pool window changed sides, which would leave the region where E is smooth.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstEpsilon"/> is not positive and finite, or <paramref name="count"/> is below 2.</exception>
    public static TaylorReport Run(Objective objective, int seed, double firstEpsilon, int count, Action<double>? afterEvaluation = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (!(firstEpsilon > 0) || !double.IsFinite(firstEpsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(firstEpsilon), firstEpsilon, "TaylorTest.Run: ε must be a positive finite number.");
        }
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "TaylorTest.Run: at least two ε are needed for a rate.");
        TaylorReport report = RunOnce(objective, seed, firstEpsilon, count, afterEvaluation, 1);
        for (int attempt = 2; attempt <= MaxDirections && (report.IsDegenerate || report.IsInconclusive); attempt++)
        {
            report = RunOnce(objective, unchecked(seed + attempt - 1), firstEpsilon, count, afterEvaluation, attempt);
        }
        return report;
    }

    /// <summary>
    /// 2⁻⁴⁸·|E(θ)| (about 3.6e-15·|E|, 32 units in the last place of E): remainders below it are too close to the
    /// rounding of E to read a rate from.
    /// </summary>
    internal static double NoiseFloorOf(double e0) => Math.ScaleB(Math.Abs(e0), -48);

    private static TaylorReport RunOnce(Objective objective, int seed, double firstEpsilon, int count, Action<double>? afterEvaluation, int attempt)
    {
        // δ: uniform in [−1, 1) element by element, then scaled to unit Euclidean norm over all the variables, so that
        // ε is the length of the step whatever the number of variables.
        var random = new SplitMix64(unchecked((ulong)seed));
        var directions = new List<Tensor>();
        var originals = new List<Tensor>();
        double squaredNorm = 0;
        foreach (CheckedVariable variable in objective.Variables)
        {
            Tensor delta = GradientChecker.RandomUpstream(variable.Values.Shape, random);
            directions.Add(delta);
            originals.Add(variable.Values.Clone());
            squaredNorm += Objective.Dot(delta, delta);
        }
        double slope = 0;
        for (int v = 0; v < directions.Count; v++)
        {
            Span<double> delta = directions[v].Span;
            for (int n = 0; n < delta.Length; n++) delta[n] /= Math.Sqrt(squaredNorm);
            slope += Objective.Dot(objective.Variables[v].Analytic, directions[v]);
        }

        double e0 = objective.Evaluate();
        var epsilons = new double[count];
        var zeroth = new double[count];
        var first = new double[count];
        try
        {
            for (int k = 0; k < count; k++)
            {
                double epsilon = Math.ScaleB(firstEpsilon, -k);
                for (int v = 0; v < directions.Count; v++)
                {
                    Span<double> values = objective.Variables[v].Values.Span;
                    ReadOnlySpan<double> theta = originals[v].Span, delta = directions[v].Span;
                    for (int n = 0; n < values.Length; n++) values[n] = theta[n] + epsilon * delta[n];
                }
                double e = objective.Evaluate();
                afterEvaluation?.Invoke(epsilon);
                epsilons[k] = epsilon;
                zeroth[k] = Math.Abs(e - e0);
                first[k] = Math.Abs(e - e0 - epsilon * slope);
            }
        }
        finally
        {
            for (int v = 0; v < directions.Count; v++) originals[v].Span.CopyTo(objective.Variables[v].Values.Span);
        }
        return new TaylorReport(epsilons, zeroth, first, seed, attempt, NoiseFloorOf(e0));
    }
}

/// <summary>The remainders and observed rates of a <see cref="TaylorTest"/>.</summary>
public sealed class TaylorReport
{
    internal TaylorReport(double[] epsilons, double[] zerothOrder, double[] firstOrder, int seed, int direction, double noiseFloor)
    {
        Direction = direction;
        Epsilons = epsilons;
        ZerothOrderRemainders = zerothOrder;
        FirstOrderRemainders = firstOrder;
        Seed = seed;
        NoiseFloor = noiseFloor;
        ZerothOrderRates = Rates(epsilons, zerothOrder);
        FirstOrderRates = Rates(epsilons, firstOrder);
    }

    /// <summary>The ε used, halving each time.</summary>
    public IReadOnlyList<double> Epsilons { get; }

    /// <summary>R₀(ε) = |E(θ+εδ) − E(θ)|, which shrinks as ε.</summary>
    public IReadOnlyList<double> ZerothOrderRemainders { get; }

    /// <summary>R₁(ε) = |E(θ+εδ) − E(θ) − ε·⟨∇E, δ⟩|, which shrinks as ε² when ∇E is right.</summary>
    public IReadOnlyList<double> FirstOrderRemainders { get; }

    /// <summary>log₂(R₀(εₖ)/R₀(εₖ₊₁)) / log₂(εₖ/εₖ₊₁) for each consecutive pair: about 1.</summary>
    public IReadOnlyList<double> ZerothOrderRates { get; }

    /// <summary>log₂(R₁(εₖ)/R₁(εₖ₊₁)) / log₂(εₖ/εₖ₊₁) for each consecutive pair: about 2 when ∇E is right, about 1 when it is wrong.</summary>
    public IReadOnlyList<double> FirstOrderRates { get; }

    /// <summary>
    /// 2⁻⁴⁸·|E(θ)|: a remainder below it is too close to the rounding of E to read a rate from, and is left out of
    /// <see cref="Rate"/> and <see cref="IsDegenerate"/>.
    /// </summary>
    public double NoiseFloor { get; }

    /// <summary>The seed of the direction δ this report is for.</summary>
    public int Seed { get; }

    /// <summary>Which direction this is: 1 for the first; more when earlier ones were degenerate.</summary>
    public int Direction { get; }

    /// <summary>
    /// Whether R₁ fails to decrease strictly from one ε to the next among those above the noise floor (and is not
    /// exactly 0 throughout): the sign of a curvature-free direction, along which no rate can be read.
    /// </summary>
    public bool IsDegenerate
    {
        get
        {
            if (IsExact) return false;
            for (int k = 1; k < FirstOrderRemainders.Count; k++)
            {
                if (Measurable(k - 1) && Measurable(k) && !(FirstOrderRemainders[k] < FirstOrderRemainders[k - 1])) return true;
            }
            return false;
        }
    }

    /// <summary>
    /// Whether the asymptotic rate fell between <see cref="TaylorTest.InconclusiveRate"/> and
    /// <see cref="TaylorTest.RequiredRate"/>: R₁ still on its way from the third order to the second when the noise
    /// floor is reached, which a direction of almost no curvature causes; another direction is drawn. A wrong gradient
    /// gives a rate near 1, below this band, and fails at once. An exact or below-resolution report is never
    /// inconclusive: no pair of its R₁ stands above the noise floor, so its <see cref="Rate"/> is NaN, in no band.
    /// </summary>
    public bool IsInconclusive => !IsDegenerate && Rate >= TaylorTest.InconclusiveRate && Rate < TaylorTest.RequiredRate;

    /// <summary>The observed order of R₀ over the same pairs of ε as <see cref="Rate"/>, about 1; NaN when there are none.</summary>
    public double ZerothOrderRate => Asymptotic(ZerothOrderRates);

    /// <summary>
    /// The asymptotic order of R₁: the median of the observed rates at the (up to) three smallest pairs of consecutive
    /// ε whose remainders are all above <see cref="NoiseFloor"/> (the mean when there are two); about 2 when ∇E is
    /// right, about 1 when it is wrong. The median lets one pair at the edge of the noise floor, whose rate rounding
    /// can bend, not decide alone. NaN when no pair is above the floor (then <see cref="IsBelowResolution"/>).
    /// </summary>
    public double Rate => Asymptotic(FirstOrderRates);

    /// <summary>
    /// Whether R₁ is exactly 0 at every ε: the first-order expansion is exact along δ (E is constant or linear along
    /// δ and computed without rounding), which a wrong gradient cannot achieve, since it leaves ε·|⟨∇E_wrong − ∇E, δ⟩|.
    /// </summary>
    public bool IsExact
    {
        get
        {
            foreach (double remainder in FirstOrderRemainders) if (remainder != 0) return false;
            return true;
        }
    }

    /// <summary>
    /// Whether no pair of consecutive R₁ stands above the noise floor (and R₁ is not exactly 0 throughout): E is linear
    /// along δ to within its rounding, and the gradient's term ε·⟨∇E, δ⟩ accounts for all of E's change.
    /// </summary>
    public bool IsBelowResolution => !IsExact && DecidingPairs.Count == 0;

    /// <summary>
    /// Whether the direction is usable (not degenerate) and <see cref="Rate"/> is at least
    /// <see cref="TaylorTest.RequiredRate"/>, or R₁ is exactly 0 throughout, or below resolution throughout.
    /// </summary>
    public bool Passed => IsExact || IsBelowResolution || (!IsDegenerate && Rate >= TaylorTest.RequiredRate);

    /// <summary>The indices of the (up to) three smallest pairs of consecutive ε whose R₁ are both above the noise floor.</summary>
    private List<int> DecidingPairs
    {
        get
        {
            var pairs = new List<int>(3);
            for (int k = FirstOrderRates.Count - 1; k >= 0 && pairs.Count < 3; k--)
            {
                if (Measurable(k) && Measurable(k + 1)) pairs.Add(k);
            }
            return pairs;
        }
    }

    private double Asymptotic(IReadOnlyList<double> rates)
    {
        List<int> pairs = DecidingPairs;
        if (pairs.Count == 0) return double.NaN;
        var values = new double[pairs.Count];
        for (int n = 0; n < values.Length; n++) values[n] = rates[pairs[n]];
        Array.Sort(values);
        return values.Length == 2 ? (values[0] + values[1]) / 2 : values[values.Length / 2];
    }

    private bool Measurable(int k) => FirstOrderRemainders[k] > NoiseFloor && double.IsFinite(FirstOrderRemainders[k]);

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Taylor test {(Passed ? "PASSED" : "FAILED")} (seed {Seed}, direction {Direction}{(IsDegenerate ? ", degenerate" : "")}): ");
        text.Append(IsExact
            ? "R1 is exactly 0 at every ε"
            : IsBelowResolution
                ? string.Create(CultureInfo.InvariantCulture, $"R1 is below the noise floor {NoiseFloor:E3} at every ε")
                : string.Create(CultureInfo.InvariantCulture,
                    $"asymptotic rate {Rate:F3} (required {TaylorTest.RequiredRate:F1}) down to ε {Epsilons[DecidingPairs[0] + 1]:E3}, without the gradient {ZerothOrderRate:F3}"));
        for (int k = 0; k < Epsilons.Count; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  ε {Epsilons[k]:E3}  R0 {ZerothOrderRemainders[k]:E3}  R1 {FirstOrderRemainders[k]:E3}");
            if (k > 0) text.Append(CultureInfo.InvariantCulture, $"  rates {ZerothOrderRates[k - 1]:F3} {FirstOrderRates[k - 1]:F3}");
        }
        return text.ToString();
    }

    private static double[] Rates(double[] epsilons, double[] remainders)
    {
        var rates = new double[remainders.Length - 1];
        for (int k = 0; k < rates.Length; k++)
        {
            rates[k] = Elementary.Log(remainders[k] / remainders[k + 1]) / Elementary.Log(epsilons[k] / epsilons[k + 1]);
        }
        return rates;
    }
}
