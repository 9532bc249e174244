using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ReferenceNN.Oracle;

/// <summary>How one tensor of another implementation's result compares with the reference.</summary>
public sealed class TensorComparison
{
    internal TensorComparison(string name, Shape referenceShape, Shape? yourShape)
    {
        Name = name;
        ReferenceShape = referenceShape;
        YourShape = yourShape;
    }

    /// <summary>The tensor's name, e.g. <c>layers[2].weightsGradient</c>.</summary>
    public string Name { get; }

    /// <summary>The reference tensor's shape.</summary>
    public Shape ReferenceShape { get; }

    /// <summary>The other tensor's shape, or null when the result does not have it.</summary>
    public Shape? YourShape { get; }

    /// <summary>The largest |reference − yours|.</summary>
    public double WorstAbsolute { get; internal set; }

    /// <summary>The largest |reference − yours| / |reference| (0 when both are 0).</summary>
    public double WorstRelative { get; internal set; }

    /// <summary>The largest distance in units in the last place of a double.</summary>
    public ulong WorstUlps { get; internal set; }

    /// <summary>How many elements are outside the tolerance (for float32, beyond their derived bound).</summary>
    public int Outside { get; internal set; }

    /// <summary>
    /// float32 only: the largest |reference − yours| / bound over the elements, where bound is the element's derived
    /// float32 bound (<see cref="Float32Reference"/>); 1 or less agrees. 0 for a float64 comparison.
    /// </summary>
    public double WorstBoundRatio { get; internal set; }

    /// <summary>
    /// float32 only: how many elements float32 cannot tell from zero — their bound is at least their own size, so any
    /// float32 value within it (zero, the opposite sign) is as right as the reference. 0 for a float64 comparison.
    /// </summary>
    public int Unresolved { get; internal set; }

    /// <summary>
    /// float32 only: how many elements have no bound (+∞: float32 overflows there, or divides by a value its rounding can
    /// make zero). Any value agrees there: they are not checked.
    /// </summary>
    public int Unbounded { get; internal set; }

    /// <summary>float32 only: the derived bound of <see cref="FirstOutside"/>.</summary>
    public double? FirstOutsideBound { get; internal set; }

    /// <summary>The first element outside the tolerance, in row-major order: index, reference value, your value.</summary>
    public (int[] Index, double Reference, double Yours)? FirstOutside { get; internal set; }

    /// <summary>Whether the tensor is present, of the right shape, and every element within the tolerance.</summary>
    public bool Agrees => YourShape == ReferenceShape && Outside == 0;

    /// <summary>Why the tensor disagrees, in a few words, or "ok".</summary>
    public string Status => YourShape is null ? "MISSING"
        : YourShape != ReferenceShape ? $"SHAPE {YourShape} ≠ {ReferenceShape}"
        : Outside > 0 ? $"DIFFERS ({Outside} of {ReferenceShape.Size})"
        : "ok";
}

/// <summary>
/// The precision an implementation computed in: a result file's <c>dtype</c>, or <c>refnn check --dtype</c>.
/// </summary>
public enum Precision
{
    /// <summary>Double precision: compared with tolerances (<see cref="ResultComparison.Compare"/>).</summary>
    Float64,

    /// <summary>Single precision: compared with each element's derived float32 bound (<see cref="ResultComparison.CompareFloat32"/>).</summary>
    Float32,
}

/// <summary>
/// <c>refnn check</c>: compares another implementation's result (<c>referencenn/result@1</c>) with the reference's,
/// tensor by tensor and element by element. An element agrees when |reference − yours| ≤ atol + rtol·|reference|;
/// a non-finite value (±∞, NaN) agrees only with the same value. Docs: docs/Oracle.md.
/// </summary>
public sealed class ResultComparison
{
    /// <summary>The default relative tolerance, fit for a double-precision implementation.</summary>
    public const double DefaultRelativeTolerance = 1e-9;

    /// <summary>The default absolute tolerance, fit for a double-precision implementation.</summary>
    public const double DefaultAbsoluteTolerance = 1e-12;

    private ResultComparison(IReadOnlyList<TensorComparison> tensors, double rtol, double atol, List<string> notes, Precision precision)
    {
        Tensors = tensors;
        RelativeTolerance = rtol;
        AbsoluteTolerance = atol;
        Notes = notes;
        Precision = precision;
    }

    /// <summary>
    /// The precision the other result was judged as: <see cref="Precision.Float64"/> against rtol and atol,
    /// <see cref="Precision.Float32"/> against each element's derived bound (rtol and atol are then 0 and unused).
    /// </summary>
    public Precision Precision { get; }

    /// <summary>One comparison per reference tensor, in the result's order.</summary>
    public IReadOnlyList<TensorComparison> Tensors { get; }

    /// <summary>rtol.</summary>
    public double RelativeTolerance { get; }

    /// <summary>atol.</summary>
    public double AbsoluteTolerance { get; }

    /// <summary>Structural disagreements, such as a different number of layers or a different layer type.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Whether everything agrees.</summary>
    public bool Agrees => Notes.Count == 0 && Tensors.All(t => t.Agrees);

    /// <summary>Compares <paramref name="yours"/>, a double-precision result, with <paramref name="reference"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A tolerance is negative or not finite.</exception>
    public static ResultComparison Compare(OracleResult reference, OracleResult yours, double rtol = DefaultRelativeTolerance, double atol = DefaultAbsoluteTolerance)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(yours);
        if (!(rtol >= 0) || !(atol >= 0) || double.IsInfinity(rtol) || double.IsInfinity(atol))
        {
            throw new ArgumentOutOfRangeException(nameof(rtol), $"ResultComparison: tolerances must be finite and non-negative, not rtol {rtol}, atol {atol}.");
        }
        var notes = new List<string>();
        var comparisons = new List<TensorComparison>();
        foreach ((TensorComparison comparison, Tensor expected, Tensor actual) in Pair(reference, yours, notes, comparisons))
        {
            CompareElements(comparison, expected, actual, rtol, atol);
        }
        return new ResultComparison(comparisons, rtol, atol, notes, Precision.Float64);
    }

    /// <summary>
    /// Compares <paramref name="yours"/>, a single-precision result, with the case's reference: an element agrees when
    /// |reference − yours| ≤ its bound, the distance a correct float32 implementation of the formulas can be from the
    /// double reference (<see cref="Float32Reference"/>, docs/Oracle/Float32Reference.md); a non-finite reference agrees only
    /// with the same value, and an element whose bound is +∞ (no bound can be stated) agrees with anything. There is
    /// no absolute tolerance: where the bound is below |reference|, zero disagrees.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">The case has a layer, activation or loss the formulas do not cover.</exception>
    public static ResultComparison CompareFloat32(OracleCase oracleCase, OracleResult yours)
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        ArgumentNullException.ThrowIfNull(yours);
        Float32Reference float32 = Float32Reference.Compute(oracleCase);
        OracleResult reference = OracleResult.Compute(oracleCase);
        Dictionary<string, Float32Tensor> bounds = float32.Tensors.ToDictionary(t => t.Name);
        var notes = new List<string>();
        var comparisons = new List<TensorComparison>();
        foreach ((TensorComparison comparison, Tensor expected, Tensor actual) in Pair(reference, yours, notes, comparisons))
        {
            CompareElements(comparison, expected, actual, bounds[comparison.Name]);
        }
        foreach (Float32Tensor t in float32.Tensors)
        {
            TensorComparison comparison = comparisons.First(c => c.Name == t.Name);
            for (int n = 0; n < t.Reference.Length; n++)
            {
                if (!t.Resolvable(n)) comparison.Unresolved++;
                if (double.IsPositiveInfinity(t.Bound[n]) && double.IsFinite(t.Reference[n])) comparison.Unbounded++;
            }
        }
        return new ResultComparison(comparisons, 0, 0, notes, Precision.Float32);
    }

    /// <summary>
    /// The structural comparison both precisions share (layer count and types, missing and extra tensors): adds a
    /// comparison per reference tensor to <paramref name="comparisons"/> and yields those whose shapes match, with both tensors.
    /// </summary>
    private static IEnumerable<(TensorComparison Comparison, Tensor Expected, Tensor Actual)> Pair(OracleResult reference, OracleResult yours, List<string> notes, List<TensorComparison> comparisons)
    {
        if (reference.Layers.Count != yours.Layers.Count)
        {
            notes.Add($"layers: the result has {yours.Layers.Count} layers but the case has {reference.Layers.Count}");
        }
        for (int n = 0; n < Math.Min(reference.Layers.Count, yours.Layers.Count); n++)
        {
            if (reference.Layers[n].Type != yours.Layers[n].Type)
            {
                notes.Add($"layers[{n}].type: the result says {Echo.Quote(yours.Layers[n].Type)} but the case says \"{reference.Layers[n].Type}\"");
            }
        }
        Dictionary<string, Tensor> theirs = ResultFile.Tensors(yours).ToDictionary(t => t.Name, t => t.Tensor);
        foreach ((string name, Tensor expected) in ResultFile.Tensors(reference))
        {
            theirs.Remove(name, out Tensor? actual);
            var comparison = new TensorComparison(name, expected.Shape, actual?.Shape);
            comparisons.Add(comparison);
            if (actual is not null && actual.Shape == expected.Shape) yield return (comparison, expected, actual);
        }
        foreach (string extra in theirs.Keys) notes.Add($"{extra}: the result has it but the reference layer has no parameters");
    }

    /// <summary>
    /// Reads another implementation's <c>referencenn/result@1</c> file. Every problem is a <see cref="CaseFileException"/>.
    /// Non-finite numbers may be given as the strings "Infinity", "-Infinity" and "NaN".
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CaseFileException">The text is not a valid result file.</exception>
    public static OracleResult ReadResult(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        return ReadResult(System.Text.Encoding.UTF8.GetBytes(json), file, new Budget(Limits.Default));
    }

    /// <summary>Reads a result file from disk within <paramref name="limits"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CaseFileException">The file is missing, not a regular file, too large, or not a valid result file.</exception>
    public static OracleResult LoadResult(string path, Limits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        var budget = new Budget(limits);
        return ReadResult(CaseFile.ReadBytes(path, budget), path, budget);
    }

    internal static OracleResult ReadResult(ReadOnlyMemory<byte> utf8, string file, Budget budget) => ReadResult(utf8, file, budget, out _);

    /// <summary>
    /// Reads a result file and the precision it declares in its optional <c>dtype</c> field ("float64" or "float32";
    /// null when it has none).
    /// </summary>
    internal static OracleResult ReadResult(ReadOnlyMemory<byte> utf8, string file, Budget budget, out Precision? declared)
    {
        using JsonDocument document = StrictJson.Parse(utf8, file, budget);
        JsonElement root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object) CaseFile.RequireFormat(root, file, ResultFile.Format);
        CaseFile.RequireObject(root, file, "$", "a result", ["format", "producer", "dtype", "output", "loss", "inputGradient", "layers"]);
        if (root.TryGetProperty("producer", out JsonElement producer) && producer.ValueKind != JsonValueKind.String)
        {
            throw new CaseFileException(file, "$.producer", $"must be a string (the implementation's name and version), not {JsonTensor.Describe(producer)}");
        }
        declared = null;
        if (root.TryGetProperty("dtype", out JsonElement dtype))
        {
            declared = dtype.ValueKind == JsonValueKind.String ? ParsePrecision(dtype.GetString()!) : null;
            if (declared is null)
            {
                throw new CaseFileException(file, "$.dtype", $"must be \"float64\" or \"float32\" (the precision your implementation computed in), not {JsonTensor.Describe(dtype)}");
            }
        }
        Tensor output = ReadTensor(CaseFile.Required(root, "output", file, "$"), file, "$.output", budget);
        double loss = ReadValue(CaseFile.Required(root, "loss", file, "$"), file, "$.loss");
        Tensor inputGradient = ReadTensor(CaseFile.Required(root, "inputGradient", file, "$"), file, "$.inputGradient", budget);
        JsonElement layersElement = CaseFile.Required(root, "layers", file, "$");
        if (layersElement.ValueKind != JsonValueKind.Array) throw new CaseFileException(file, "$.layers", "must be an array of layers");
        var layers = new List<LayerGradients>();
        int n = 0;
        foreach (JsonElement layer in layersElement.EnumerateArray())
        {
            string path = $"$.layers[{n++}]";
            CaseFile.RequireObject(layer, file, path, "a layer entry", ["type", "weightsGradient", "biasGradient"]);
            JsonElement type = CaseFile.Required(layer, "type", file, path);
            if (type.ValueKind != JsonValueKind.String) throw new CaseFileException(file, $"{path}.type", "must be a string");
            Tensor? weights = layer.TryGetProperty("weightsGradient", out JsonElement w) ? ReadTensor(w, file, $"{path}.weightsGradient", budget) : null;
            Tensor? bias = layer.TryGetProperty("biasGradient", out JsonElement b) ? ReadTensor(b, file, $"{path}.biasGradient", budget) : null;
            layers.Add(new LayerGradients(type.GetString()!, weights, bias));
        }
        return new OracleResult(output, loss, inputGradient, layers);
    }

    /// <summary>
    /// The table <c>refnn check</c> prints: per tensor its shape, worst absolute, relative and ULP differences and status;
    /// then the first element outside the tolerance, named by tensor and index with both values; then the verdict.
    /// </summary>
    public override string ToString() => Precision == Oracle.Precision.Float32 ? Float32Report() : Float64Report();

    private string Float64Report()
    {
        var text = new StringBuilder();
        int width = Math.Max(6, Tensors.Max(t => t.Name.Length));
        text.Append(CultureInfo.InvariantCulture, $"{"tensor".PadRight(width)}  {"shape",-10}  {"worst abs",-10}  {"worst rel",-10}  {"worst ulps",-20}  status\n");
        foreach (TensorComparison t in Tensors)
        {
            bool compared = t.YourShape == t.ReferenceShape;
            // The loss is a scalar in both formats; it is compared as a 1-element tensor but shown as what it is.
            string shape = t.Name == "loss" ? "scalar" : t.ReferenceShape.ToString();
            text.Append(CultureInfo.InvariantCulture, $"{t.Name.PadRight(width)}  {shape,-10}  ");
            text.Append(compared
                ? string.Create(CultureInfo.InvariantCulture, $"{t.WorstAbsolute,-10:E2}  {t.WorstRelative,-10:E2}  {t.WorstUlps,-20}  ")
                : $"{"-",-10}  {"-",-10}  {"-",-20}  ");
            text.Append(t.Status).Append('\n');
        }
        foreach (string note in Notes) text.Append("note: ").Append(note).Append('\n');
        TensorComparison? first = Tensors.FirstOrDefault(t => t.FirstOutside is not null);
        if (first?.FirstOutside is var (index, reference, yours))
        {
            double abs = Math.Abs(reference - yours);
            text.Append(CultureInfo.InvariantCulture,
                $"first difference: {first.Name}{(first.Name == "loss" ? "" : Tensor.FormatIndex(index))}: reference {JsonTensor.Format(reference)}, yours {JsonTensor.Format(yours)} " +
                $"(abs {abs:E2}, rel {(reference == 0 ? double.PositiveInfinity : abs / Math.Abs(reference)):E2}, {UlpDistance(reference, yours)} ulps)\n");
        }
        int disagreeing = Tensors.Count(t => !t.Agrees);
        string structural = Notes.Count switch { 0 => "", 1 => " and 1 structural difference", _ => $" and {Notes.Count} structural differences" };
        text.Append(Agrees
            ? string.Create(CultureInfo.InvariantCulture, $"AGREE: all {Tensors.Count} tensors within rtol {RelativeTolerance:R}, atol {AbsoluteTolerance:R}\n")
            : string.Create(CultureInfo.InvariantCulture, $"DISAGREE: {disagreeing} of {Tensors.Count} tensors{structural} (rtol {RelativeTolerance:R}, atol {AbsoluteTolerance:R})\n"));
        return text.ToString();
    }

    /// <summary>
    /// The float32 table: per tensor its shape, worst absolute difference, the worst ratio of an element's difference to
    /// its derived bound (at most 1 agrees), how many elements float32 cannot tell from zero, and status; then the
    /// first element beyond its bound and by how much; then the verdict.
    /// </summary>
    private string Float32Report()
    {
        var text = new StringBuilder();
        int width = Math.Max(6, Tensors.Max(t => t.Name.Length));
        text.Append(CultureInfo.InvariantCulture, $"{"tensor".PadRight(width)}  {"shape",-10}  {"worst abs",-10}  {"worst |Δ|/bound",-16}  {"unresolved",-10}  status\n");
        foreach (TensorComparison t in Tensors)
        {
            bool compared = t.YourShape == t.ReferenceShape;
            string shape = t.Name == "loss" ? "scalar" : t.ReferenceShape.ToString();
            text.Append(CultureInfo.InvariantCulture, $"{t.Name.PadRight(width)}  {shape,-10}  ");
            text.Append(compared
                ? string.Create(CultureInfo.InvariantCulture, $"{t.WorstAbsolute,-10:E2}  {Ratio(t.WorstBoundRatio),-16}  {t.Unresolved,-10}  ")
                : $"{"-",-10}  {"-",-16}  {"-",-10}  ");
            text.Append(t.Outside > 0 && compared ? $"BEYOND ROUNDING ({t.Outside} of {t.ReferenceShape.Size})" : t.Status).Append('\n');
        }
        foreach (string note in Notes) text.Append("note: ").Append(note).Append('\n');
        TensorComparison? first = Tensors.FirstOrDefault(t => t.FirstOutside is not null);
        if (first?.FirstOutside is var (index, reference, yours))
        {
            double bound = first.FirstOutsideBound!.Value, abs = Math.Abs(reference - yours);
            text.Append(CultureInfo.InvariantCulture,
                $"first difference: {first.Name}{(first.Name == "loss" ? "" : Tensor.FormatIndex(index))}: reference {JsonTensor.Format(reference)}, yours {JsonTensor.Format(yours)} " +
                $"(abs {abs:E2}; its float32 bound {bound:E2}: {Ratio(double.IsNaN(abs) ? double.PositiveInfinity : abs / bound)} times the bound, beyond rounding)\n");
        }
        int unresolved = Tensors.Sum(t => t.Unresolved), unbounded = Tensors.Sum(t => t.Unbounded);
        if (unresolved > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{unresolved} element{(unresolved == 1 ? "" : "s")} cannot be told from zero in float32 (bound ≥ |reference|): any value within the bound agrees there\n");
        }
        string notChecked = unbounded == 0 ? ""
            : string.Create(CultureInfo.InvariantCulture, $"; {unbounded} element{(unbounded == 1 ? " has" : "s have")} no float32 bound (overflow, or a divisor rounding can zero) and {(unbounded == 1 ? "is" : "are")} not checked");
        int beyond = Tensors.Count(t => t.Outside > 0 && t.YourShape == t.ReferenceShape);
        int structuralTensors = Tensors.Count(t => t.YourShape != t.ReferenceShape);
        var reasons = new List<string>();
        if (beyond > 0) reasons.Add($"{beyond} of {Tensors.Count} tensors beyond float32 rounding");
        if (structuralTensors > 0) reasons.Add($"{structuralTensors} of {Tensors.Count} tensors missing or of another shape");
        if (Notes.Count > 0) reasons.Add(Notes.Count == 1 ? "1 structural difference" : $"{Notes.Count} structural differences");
        double worst = Tensors.Max(t => t.WorstBoundRatio);
        text.Append(Agrees
            ? $"AGREE (float32): all {Tensors.Count} tensors within float32 rounding, every element within its derived bound (worst |Δ|/bound {Ratio(worst)}){notChecked}\n"
            : $"DISAGREE (float32): {string.Join(", ", reasons)} (worst |Δ|/bound {Ratio(worst)}){notChecked}\n");
        return text.ToString();
    }

    /// <summary>A ratio as a reader takes it in: 0, 0.00161, 0.5, 3.27, 41.2, 1000, 2.41e+05, 3.10e-07, inf.</summary>
    internal static string Ratio(double ratio) => ratio switch
    {
        0 => "0",
        double.PositiveInfinity => "inf",
        >= 1e4 or < 1e-3 => ratio.ToString("0.00e+00", CultureInfo.InvariantCulture),
        >= 100 => ratio.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => ratio.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => ratio.ToString("0.00", CultureInfo.InvariantCulture),
        _ => ratio.ToString("G3", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The number of doubles between a and b: both are mapped to a monotone integer scale (negative numbers mirrored),
    /// so adjacent doubles are 1 apart and +0 and −0 are 0 apart. NaN against anything else is <see cref="ulong.MaxValue"/>.
    /// </summary>
    public static ulong UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : ulong.MaxValue;
        long x = Ordered(a), y = Ordered(b);
        return x >= y ? (ulong)x - (ulong)y : (ulong)y - (ulong)x;
    }

    private static long Ordered(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        return bits < 0 ? long.MinValue - bits : bits;
    }

    private static void CompareElements(TensorComparison comparison, Tensor expected, Tensor actual, double rtol, double atol)
    {
        for (int n = 0; n < expected.Length; n++)
        {
            double r = expected.Span[n], y = actual.Span[n];
            bool same = r.Equals(y);
            double abs = same ? 0 : Math.Abs(r - y);
            double rel = same ? 0 : abs / Math.Abs(r);
            if (double.IsNaN(abs)) abs = double.PositiveInfinity;
            if (double.IsNaN(rel)) rel = double.PositiveInfinity;
            comparison.WorstAbsolute = Math.Max(comparison.WorstAbsolute, abs);
            comparison.WorstRelative = Math.Max(comparison.WorstRelative, rel);
            comparison.WorstUlps = Math.Max(comparison.WorstUlps, UlpDistance(r, y));
            bool finite = double.IsFinite(r) && double.IsFinite(y);
            if (!same && (!finite || !(abs <= atol + rtol * Math.Abs(r))))
            {
                comparison.Outside++;
                comparison.FirstOutside ??= (expected.IndexOf(n), r, y);
            }
        }
    }

    /// <summary>"float64" or "float32" as a <see cref="Oracle.Precision"/>; null for anything else.</summary>
    public static Precision? ParsePrecision(string text) => text switch
    {
        "float64" => Oracle.Precision.Float64,
        "float32" => Oracle.Precision.Float32,
        _ => null,
    };

    /// <summary>The name of a precision in files and on the command line: "float64" or "float32".</summary>
    public static string Name(Precision precision) => precision == Oracle.Precision.Float32 ? "float32" : "float64";

    private static void CompareElements(TensorComparison comparison, Tensor expected, Tensor actual, Float32Tensor bounds)
    {
        for (int n = 0; n < expected.Length; n++)
        {
            double r = expected.Span[n], y = actual.Span[n], bound = bounds.Bound[n];
            bool same = r.Equals(y);
            double abs = same ? 0 : Math.Abs(r - y);
            if (double.IsNaN(abs)) abs = double.PositiveInfinity;
            double ratio = same ? 0 : abs / bound;
            if (double.IsNaN(ratio)) ratio = double.IsPositiveInfinity(bound) ? 0 : double.PositiveInfinity;
            comparison.WorstAbsolute = Math.Max(comparison.WorstAbsolute, abs);
            comparison.WorstRelative = Math.Max(comparison.WorstRelative, same ? 0 : r == 0 ? double.PositiveInfinity : abs / Math.Abs(r));
            comparison.WorstUlps = Math.Max(comparison.WorstUlps, UlpDistance(r, y));
            comparison.WorstBoundRatio = Math.Max(comparison.WorstBoundRatio, double.IsPositiveInfinity(bound) ? 0 : ratio);
            // A reference beyond float's range has the bound +∞: any float32 value is as right. A non-finite reference is matched only by itself.
            bool within = same || double.IsFinite(r) && (double.IsPositiveInfinity(bound) || abs <= bound);
            if (!within)
            {
                comparison.Outside++;
                if (comparison.FirstOutside is null)
                {
                    comparison.FirstOutside = (expected.IndexOf(n), r, y);
                    comparison.FirstOutsideBound = bound;
                }
            }
        }
    }

    private static Tensor ReadTensor(JsonElement element, string file, string path, Budget budget)
    {
        if (element.ValueKind == JsonValueKind.Object) throw new CaseFileException(file, path, "a result holds its tensors inline, as nested arrays");
        return JsonTensor.Read(element, file, path, budget, allowNamedNumbers: true);
    }

    private static double ReadValue(JsonElement element, string file, string path) =>
        JsonTensor.ReadNumber(element, file, path, allowNamedNumbers: true);
}
