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
/// <param name="Owner">The layer (e.g. <c>layer 0 (FullyConnected)</c>) or <c>network</c>.</param>
/// <param name="Derivative">inputError, weightsError, biasError, or ∇E for the Taylor test.</param>
/// <param name="Method">finite differences, adjoint, or Taylor.</param>
/// <param name="Measure">What <see cref="Value"/> is: worst rel error, relative difference, or observed rate.</param>
/// <param name="Value">The figure.</param>
/// <param name="Passed">Whether the check passed.</param>
public sealed record GradCheckRow(string Owner, string Derivative, string Method, string Measure, double Value, bool Passed);

/// <summary>
/// <c>refnn gradcheck</c>: the verification core run on a case's own network, input and target: finite differences of
/// every derivative, the adjoint identity for every layer that is linear in its input or weights, and a Taylor test
/// of the whole gradient. Points within a finite-difference step of a kink are reported, since no finite
/// difference is meaningful there. Docs: docs/Oracle.md.
/// </summary>
public sealed class CaseGradCheck
{
    private CaseGradCheck(IReadOnlyList<GradCheckRow> rows, IReadOnlyList<string> notes, GradientCheckReport report)
    {
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

    /// <summary>Whether every check passed.</summary>
    public bool Passed => Rows.All(r => r.Passed);

    /// <summary>Runs the checks; the case's parameters are left bit-identical.</summary>
    public static CaseGradCheck Run(OracleCase oracleCase, GradientCheckOptions? options = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        options ??= GradientCheckOptions.Default;
        var rows = new List<GradCheckRow>();
        Network network = oracleCase.Network;
        GradientCheckReport report = GradientChecker.CheckNetwork(network, oracleCase.Input, oracleCase.Target, options);
        foreach (DerivativeCheck check in report.Derivatives)
        {
            rows.Add(new GradCheckRow(check.Owner, check.DerivativeName, $"finite differences ({options.Method})", "worst rel error", check.WorstRelativeError, check.Passed));
        }

        network.Forward(oracleCase.Input);
        var notes = new List<string>();
        var random = new SplitMix64(unchecked((ulong)seed));
        for (int n = 0; n < network.Layers.Count; n++)
        {
            Layer layer = network.Layers[n];
            string owner = $"layer {n} ({layer.Name})";
            Tensor input = layer.Input.Clone();
            NoteKinks(layer, owner, options, notes);
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
            rows.Add(new GradCheckRow(owner, "inputError", "adjoint", "relative difference", forInput.RelativeDifference, forInput.Passed));
            if (linear.Parameters.Count > 0)
            {
                AdjointReport forWeights = AdjointTest.ForParameter(linear, 0, input, upstream);
                rows.Add(new GradCheckRow(owner, "weightsError", "adjoint", "relative difference", forWeights.RelativeDifference, forWeights.Passed));
            }
        }

        TaylorReport taylor = TaylorTest.Run(Objective.ForNetwork(network, oracleCase.Input, oracleCase.Target), seed);
        rows.Add(new GradCheckRow("network", "∇E (all)", "Taylor", "observed rate", taylor.IsExact ? double.PositiveInfinity : taylor.Rate, taylor.Passed));
        return new CaseGradCheck(rows, notes, report);
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
            string value = row.Measure == "observed rate"
                ? (double.IsPositiveInfinity(row.Value) ? "exact" : row.Value.ToString("F3", CultureInfo.InvariantCulture))
                : row.Value.ToString("E2", CultureInfo.InvariantCulture);
            text.Append($"{row.Owner.PadRight(owner)}  {row.Derivative.PadRight(derivative)}  {row.Method.PadRight(method)}  {row.Measure.PadRight(measure)}  {value,-10}  {(row.Passed ? "ok" : "FAIL")}\n");
        }
        foreach (string note in Notes) text.Append("note: ").Append(note).Append('\n');
        foreach (DerivativeCheck check in Report.Derivatives.Where(d => !d.Passed))
        {
            foreach (ElementMismatch failure in check.Failures) text.Append($"  {check.Owner} {check.DerivativeName}{failure}\n");
        }
        int failed = Rows.Count(r => !r.Passed);
        text.Append(Passed ? $"PASSED: {Rows.Count} checks\n" : $"FAILED: {failed} of {Rows.Count} checks\n");
        return text.ToString();
    }

    private static void NoteKinks(Layer layer, string owner, GradientCheckOptions options, List<string> notes)
    {
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
    }
}
