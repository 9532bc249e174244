using System;
using ReferenceNN;
using System.Globalization;
using System.IO;
using System.Linq;
using ReferenceNN.Oracle;

/// <summary>
/// <c>Tools float32-verdicts DIR</c>: the float32 verdict of <c>refnn check</c> (<see cref="ResultComparison.CompareFloat32"/>)
/// on every <c>NAME.case.json</c> of DIR against each of its <c>NAME.LABEL.result.json</c>, in one process, for
/// Verification/Python/float32_validation.py. One line per pair, tab-separated: NAME, LABEL, AGREE or DISAGREE, the
/// worst |Δ|/bound, elements beyond their bound, elements compared, elements that cannot be told from zero, whether the
/// reference has a non-finite element (no rounding question: "nonfinite", else "finite"), the worst |Δ|/bound over the
/// elements no other branch or form can move (deviation 0: rounding alone), and the worst element: its
/// tensor and flat index, reference, yours, bound, running error bound, lane spread and deviation.
/// </summary>
internal static class Float32Verdicts
{
    public static int Run(string[] args)
    {
        if (args.Length != 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: Tools float32-verdicts DIR");
            return 2;
        }
        foreach (string casePath in Directory.GetFiles(args[0], "*.case.json").OrderBy(p => p, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(casePath)[..^".case.json".Length];
            OracleCase oracleCase = CaseFile.Load(casePath);
            foreach (string resultPath in Directory.GetFiles(args[0], name + ".*.result.json").OrderBy(p => p, StringComparer.Ordinal))
            {
                string label = Path.GetFileName(resultPath)[(name.Length + 1)..^".result.json".Length];
                if (label.Contains('.')) continue; // another case's name that starts with this one's
                OracleResult theirs = ResultComparison.ReadResult(File.ReadAllText(resultPath), resultPath);
                ResultComparison comparison = ResultComparison.CompareFloat32(oracleCase, theirs);
                Float32Reference reference = Float32Reference.Compute(oracleCase);
                bool finite = reference.Tensors.All(t => t.Reference.All(double.IsFinite));
                string worstElement = "-";
                double worstRatio = -1, worstRounding = 0;
                var yours = ResultFile.Tensors(theirs).Select(t => t.Tensor).ToList();
                foreach ((Float32Tensor t, Tensor y) in reference.Tensors.Zip(yours))
                {
                    if (y.Length != t.Reference.Length) continue;
                    for (int n = 0; n < t.Reference.Length; n++)
                    {
                        double d = Math.Abs(y.Span[n] - t.Reference[n]), ratio = d == 0 ? 0 : d / t.Bound[n];
                        if (double.IsNaN(ratio) || double.IsInfinity(t.Bound[n])) continue;
                        // Elements no other branch or form can move: their bound is rounding alone.
                        if (t.Deviation[n] == 0) worstRounding = Math.Max(worstRounding, ratio);
                        if (ratio <= worstRatio) continue;
                        worstRatio = ratio;
                        worstElement = string.Create(CultureInfo.InvariantCulture,
                            $"{t.Name}[{n}] ref {t.Reference[n]:R} yours {y.Span[n]:R} bound {t.Bound[n]:E3} running {t.RoundingBound[n]:E3} spread {t.Spread[n]:E3} deviation {t.Deviation[n]:E3}");
                    }
                }
                double worst = comparison.Tensors.Max(t => t.WorstBoundRatio);
                int outside = comparison.Tensors.Sum(t => t.Outside), elements = comparison.Tensors.Sum(t => t.ReferenceShape.Size);
                int unresolved = comparison.Tensors.Sum(t => t.Unresolved);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}\t{label}\t{(comparison.Agrees ? "AGREE" : "DISAGREE")}\t{worst:R}\t{outside}\t{elements}\t{unresolved}\t{(finite ? "finite" : "nonfinite")}\t{worstRounding:R}\t{worstElement}"));
            }
        }
        return 0;
    }
}
