using System;
using System.Linq;

namespace ReferenceNN.Verification.Support;

/// <summary>A loss's Derivative formula against the dual gradient of its Value formula.</summary>
public static class LossCheck
{
    /// <summary>The loss value on dual numbers as a one-output formula of the output Y (the target is a constant).</summary>
    public static DualFormula Value(Func<Dual<double>[], Dual<double>[], Dual<double>> value, double[] target) =>
        (a, e) => e[0] = value(Duals.Of(target), a[0]);

    /// <summary>
    /// Every element ∂E/∂y_i against the tangent of E with tangent e_i (upstream 1), and ⟨∂E/∂Y, v⟩ against the tangent
    /// of E along v. <paramref name="termMagnitude"/>[i] is the magnitude of the terms of ∂E/∂y_i when they can cancel
    /// (binary cross-entropy), else null (the element's own size).
    /// </summary>
    public static Verdict Check(string what, DualFormula value, double[] output, double[] derivative, double[] direction,
        double[]? termMagnitude = null, string? record = null)
    {
        Verdict elements = DualCheck.Columns(what, value, [output], 1, 0, [1.0], derivative, extraMagnitude: termMagnitude, record: record);
        double scale = derivative.Select((g, i) => Math.Max(Math.Abs(g), termMagnitude?[i] ?? 0) * Math.Abs(direction[i])).Sum();
        Verdict dot = DualCheck.DotIdentity(what, value, [output], [direction], 1, [1.0], [derivative], scale, record?.Insert(record.Length, " dot identity"));
        return Verdict.All(elements, dot);
    }
}
