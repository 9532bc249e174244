using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ReferenceNN.Oracle;

/// <summary>
/// <c>Tools float32-verdicts DIR</c>: the float32 verdict of <c>refnn check</c> (<see cref="ResultComparison.CompareFloat32"/>)
/// on every <c>NAME.case.json</c> of DIR against each of its <c>NAME.LABEL.result.json</c>, in one process, for
/// Verification/Python/float32_validation.py. One line per pair, tab-separated: NAME, LABEL, AGREE or DISAGREE, the
/// worst |Δ|/bound, elements beyond their bound, elements compared, elements that cannot be told from zero.
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
                double worst = comparison.Tensors.Max(t => t.WorstBoundRatio);
                int outside = comparison.Tensors.Sum(t => t.Outside), elements = comparison.Tensors.Sum(t => t.ReferenceShape.Size);
                int unresolved = comparison.Tensors.Sum(t => t.Unresolved);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}\t{label}\t{(comparison.Agrees ? "AGREE" : "DISAGREE")}\t{worst:R}\t{outside}\t{elements}\t{unresolved}"));
            }
        }
        return 0;
    }
}
