using ReferenceNN.Networks;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ReferenceNN.Activations;
using ReferenceNN.Checking;
using ReferenceNN.Layers;

namespace ReferenceNN.Oracle;

/// <summary>One line of <c>refnn gradcheck</c>'s table.</summary>
/// <param name="Owner">The layer as the case file names it (e.g. <c>layers[0] (dense)</c>) or <c>network</c>.</param>
/// <param name="Derivative">inputGradient, weightsGradient, biasGradient (the result file's names), or ∇E for the Taylor test.</param>
/// <param name="Method">finite differences, adjoint, or Taylor.</param>
/// <param name="Measure">What <see cref="Value"/> is: worst rel error, relative difference, or asymptotic rate.</param>
/// <param name="Value">The figure.</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="AtKink">
/// The check failed, and its variables move an input that is within a finite-difference step of a kink (see
/// <see cref="CaseGradCheck.Notes"/>), where a finite difference or a Taylor series straddles two slopes: the kink may
/// explain the failure. It is still a failure: a finite difference there cannot tell a kink from a wrong derivative.
/// Only finite-difference and Taylor rows can be so.
/// </param>
public sealed record GradCheckRow(string Owner, string Derivative, string Method, string Measure, double Value, bool Passed, bool AtKink = false);

/// <summary>
/// <c>refnn gradcheck</c>: the verification core run on a case's own network, input and target: finite differences of
/// every derivative, the adjoint identity for every layer that is linear in its input or weights, and a Taylor test
/// of the whole gradient. Points within a finite-difference step of a kink are reported, since no finite
/// difference is meaningful there. Docs: docs/Oracle.md.
/// </summary>
public sealed class CaseGradCheck
{
    private readonly Dictionary<string, string> _owners;

    private CaseGradCheck(IReadOnlyList<GradCheckRow> rows, IReadOnlyList<string> notes, GradientCheckReport report, Dictionary<string, string> owners)
    {
        _owners = owners;
        Rows = rows;
        Notes = notes;
        Report = report;
    }

    /// <summary>The table's rows.</summary>
    public IReadOnlyList<GradCheckRow> Rows { get; }

    /// <summary>Warnings about kinks near the evaluation point.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The finite-difference report, with each failing element.</summary>
    public GradientCheckReport Report { get; }

    /// <summary>Whether every check passed. A failure at a kink (<see cref="GradCheckRow.AtKink"/>) is a failure.</summary>
    public bool Passed => Rows.All(r => r.Passed);

    /// <summary>The file vocabulary's name of a derivative: inputError → inputGradient, weightsError → weightsGradient, biasError → biasGradient.</summary>
    internal static string FileName(string derivative) => derivative.EndsWith("Error", StringComparison.Ordinal) ? derivative[..^"Error".Length] + "Gradient" : derivative;

    /// <summary>Runs the checks; the case's parameters are left bit-identical.</summary>
    public static CaseGradCheck Run(OracleCase oracleCase, GradientCheckOptions? options = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        options ??= GradientCheckOptions.Default;
        var rows = new List<GradCheckRow>();
        Network network = oracleCase.Network;
        GradientCheckReport report = GradientChecker.CheckNetwork(network, oracleCase.Input, oracleCase.Target, options);
        network.Forward(oracleCase.Input);
        var notes = new List<string>();
        // The last layer whose input sits at a kink: only derivatives whose perturbations move that input — the
        // parameters of the layers before it, the network's input, and the Taylor test's whole gradient — are judged
        // inconclusive when they fail; the layers after it are checked as everywhere else.
        int lastKink = -1;
        for (int n = 0; n < network.Layers.Count; n++)
        {
            if (NoteKinks(network.Layers[n], Owner(oracleCase, n), options, notes)) lastKink = n;
        }
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DerivativeCheck check in report.Derivatives)
        {
            owners[check.Owner] = OwnerOf(oracleCase, check.Owner);
            rows.Add(new GradCheckRow(owners[check.Owner], FileName(check.DerivativeName), $"finite differences ({options.Method})", "worst rel error",
                check.WorstRelativeError, check.Passed, AtKink: !check.Passed && MovesAKink(check.Owner, lastKink)));
        }

        network.Forward(oracleCase.Input);
        var random = new SplitMix64(unchecked((ulong)seed));
        for (int n = 0; n < network.Layers.Count; n++)
        {
            Layer layer = network.Layers[n];
            string owner = Owner(oracleCase, n);
            Tensor input = layer.Input.Clone();
            Layer? linear = layer switch
            {
                FullyConnected fc => new FullyConnected(fc.Weights, new Tensor(fc.Bias.Shape)),
                Convolution conv => new Convolution(conv.InputShape, conv.Weights, new Tensor(conv.Bias.Shape)),
                Flatten or Dropout or MaxPooling => layer,
                _ => null,
            };
            if (linear is null) continue;
            Tensor upstream = GradientChecker.RandomUpstream(layer.OutputShape, random);
            AdjointReport forInput = AdjointTest.ForInput(linear, input, upstream);
            rows.Add(new GradCheckRow(owner, "inputGradient", "adjoint", "relative difference", forInput.RelativeDifference, forInput.Passed));
            if (linear.Parameters.Count > 0)
            {
                AdjointReport forWeights = AdjointTest.ForParameter(linear, 0, input, upstream);
                rows.Add(new GradCheckRow(owner, "weightsGradient", "adjoint", "relative difference", forWeights.RelativeDifference, forWeights.Passed));
            }
        }

        TaylorReport taylor = TaylorTest.Run(Objective.ForNetwork(network, oracleCase.Input, oracleCase.Target), seed);
        rows.Add(new GradCheckRow("network", "∇E (all)", "Taylor", "asymptotic rate", taylor.IsExact ? double.PositiveInfinity : taylor.Rate,
            taylor.Passed, AtKink: !taylor.Passed && lastKink >= 0));
        return new CaseGradCheck(rows, notes, report, owners);
    }

    /// <summary>Layer n as the case file names it: <c>layers[n] (type)</c>.</summary>
    private static string Owner(OracleCase oracleCase, int n) => $"layers[{n}] ({oracleCase.Layers[n].Type})";

    /// <summary>
    /// Whether perturbing the variables of <paramref name="owner"/> (the checker's <c>layer n (Name)</c>, or
    /// <c>network</c> for the input) moves the input of layer <paramref name="lastKink"/>, the last one at a kink
    /// (−1: none): the input does, and the parameters of every layer before it.
    /// </summary>
    internal static bool MovesAKink(string owner, int lastKink) => lastKink >= 0 && LayerIndex(owner) < lastKink;

    /// <summary>The layer index in the checker's owner <c>layer n (Name)</c>; −1 for <c>network</c> (the input).</summary>
    private static int LayerIndex(string owner)
    {
        if (!owner.StartsWith("layer ", StringComparison.Ordinal)) return -1;
        int end = owner.IndexOf(' ', "layer ".Length);
        return int.Parse(owner.AsSpan("layer ".Length, end - "layer ".Length), CultureInfo.InvariantCulture);
    }

    /// <summary>The checker's owner (<c>layer n (Name)</c> or <c>network</c>) in the case file's words.</summary>
    private static string OwnerOf(OracleCase oracleCase, string owner)
    {
        int n = LayerIndex(owner);
        return n < 0 ? owner : Owner(oracleCase, n);
    }

    /// <summary>The table, any notes, the failing elements, and the verdict.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int owner = Math.Max(5, Rows.Max(r => r.Owner.Length)), derivative = Math.Max(10, Rows.Max(r => r.Derivative.Length));
        int method = Math.Max(6, Rows.Max(r => r.Method.Length)), measure = Math.Max(7, Rows.Max(r => r.Measure.Length));
        text.Append($"{"layer".PadRight(owner)}  {"derivative".PadRight(derivative)}  {"method".PadRight(method)}  {"measure".PadRight(measure)}  {"value",-10}  status\n");
        foreach (GradCheckRow row in Rows)
        {
            string value = row.Measure == "asymptotic rate"
                ? (double.IsPositiveInfinity(row.Value) ? "exact" : row.Value.ToString("F3", CultureInfo.InvariantCulture))
                : row.Value.ToString("E2", CultureInfo.InvariantCulture);
            text.Append($"{row.Owner.PadRight(owner)}  {row.Derivative.PadRight(derivative)}  {row.Method.PadRight(method)}  {row.Measure.PadRight(measure)}  {value,-10}  {(row.Passed ? "ok" : row.AtKink ? "FAIL (kink?)" : "FAIL")}\n");
        }
        foreach (string note in Notes) text.Append("note: ").Append(note).Append('\n');
        foreach (DerivativeCheck check in Report.Derivatives.Where(d => !d.Passed))
        {
            bool rowAtKink = Rows.Any(r => r.AtKink && r.Owner == _owners[check.Owner] && r.Derivative == FileName(check.DerivativeName) && r.Method.StartsWith("finite", StringComparison.Ordinal));
            string where = rowAtKink ? "  (at a kink) " : "  ";
            foreach (ElementMismatch failure in check.Failures) text.Append($"{where}{_owners[check.Owner]} {FileName(check.DerivativeName)}{failure}\n");
        }
        int failed = Rows.Count(r => !r.Passed), atKink = Rows.Count(r => r.AtKink);
        if (failed == 0) text.Append($"PASSED: {Rows.Count} checks\n");
        else if (atKink == 0) text.Append($"FAILED: {failed} of {Rows.Count} checks\n");
        else text.Append($"FAILED: {failed} of {Rows.Count} checks; {atKink} of them (FAIL (kink?)) move an input at the kink in the notes, " +
            "where a finite difference cannot tell a kink from a wrong derivative: move the input off the kink to judge them\n");
        return text.ToString();
    }

    /// <summary>Notes the kinks at <paramref name="layer"/>'s input; whether there were any.</summary>
    private static bool NoteKinks(Layer layer, string owner, GradientCheckOptions options, List<string> notes)
    {
        int before = notes.Count;
        if (layer is ActivationLayer { Activation: ReLU or LeakyReLU })
        {
            int near = 0;
            foreach (double x in layer.Input.Span) if (Math.Abs(x) <= NumericalDerivative.Step(x, options.StepScale)) near++;
            if (near > 0) notes.Add($"{owner}: {near} inputs within a finite-difference step of the kink at 0; finite differences there straddle two slopes");
        }
        if (layer is MaxPooling pool)
        {
            Tensor x = pool.Input;
            int near = 0;
            for (int r = 0; r < pool.OutputShape[0]; r++)
            for (int c = 0; c < pool.OutputShape[1]; c++)
            for (int ch = 0; ch < pool.OutputShape[2]; ch++)
            {
                double best = double.NegativeInfinity, second = double.NegativeInfinity;
                for (int a = 0; a < pool.PoolHeight; a++)
                for (int b = 0; b < pool.PoolWidth; b++)
                {
                    double v = x[r * pool.StrideHeight + a, c * pool.StrideWidth + b, ch];
                    if (v > best) (best, second) = (v, best);
                    else if (v > second) second = v;
                }
                if (best - second <= 2 * NumericalDerivative.Step(best, options.StepScale)) near++;
            }
            if (near > 0) notes.Add($"{owner}: {near} windows whose two largest values are within two finite-difference steps (a tie or near-tie)");
        }
        return notes.Count > before;
    }
}
