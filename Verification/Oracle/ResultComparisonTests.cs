using System;
using System.Linq;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class ResultComparisonTests
{
    private static OracleResult Result(double w = 0.5, double loss = 0.25, string type = "dense") =>
        new(Tensor.Row(1, 2), loss, Tensor.Row(0.1, 0.2), [new LayerGradients(type, Tensor.Row(w, 0.25), Tensor.Row(0.75)), new LayerGradients("activation", null, null)]);

    [Fact]
    public void Identical_Agrees()
    {
        ResultComparison c = ResultComparison.Compare(Result(), Result());
        Assert.True(c.Agrees);
        Assert.Equal(["output", "loss", "inputGradient", "layers[0].weightsGradient", "layers[0].biasGradient"], c.Tensors.Select(t => t.Name));
        Assert.EndsWith("AGREE: all 5 tensors within rtol 1E-09, atol 1E-12\n", c.ToString());
    }

    [Fact]
    public void OneElementOff_NamesTensorIndexBothValuesAndUlps()
    {
        double off = Math.BitIncrement(Math.BitIncrement(0.5)) + 1e-6;
        ResultComparison c = ResultComparison.Compare(Result(), Result(w: off));
        Assert.False(c.Agrees);
        TensorComparison w = c.Tensors[3];
        Assert.Equal("DIFFERS (1 of 2)", w.Status);
        Assert.Equal([0, 0], w.FirstOutside!.Value.Index);
        Assert.Contains($"first difference: layers[0].weightsGradient[0,0]: reference 0.5, yours {off:R} (abs ", c.ToString());
        Assert.Contains("DISAGREE: 1 of 5 tensors", c.ToString());
        Assert.Equal(ResultComparison.UlpDistance(0.5, off), w.WorstUlps);
    }

    [Fact]
    public void Tolerances_DecideAtTheBoundary()
    {
        Assert.True(ResultComparison.Compare(Result(), Result(w: 0.5 + 4e-10)).Agrees);
        Assert.False(ResultComparison.Compare(Result(), Result(w: 0.5 + 1e-9)).Agrees);
        Assert.True(ResultComparison.Compare(Result(), Result(w: 0.5 + 1e-5), rtol: 1e-4, atol: 1e-6).Agrees);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultComparison.Compare(Result(), Result(), rtol: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultComparison.Compare(Result(), Result(), atol: double.NaN));
    }

    [Fact]
    public void MissingWrongShapeAndStructure_AllDisagree()
    {
        var missing = new OracleResult(Tensor.Row(1, 2), 0.25, Tensor.Row(0.1, 0.2), [new LayerGradients("dense", null, Tensor.Row(0.75)), new LayerGradients("activation", null, null)]);
        ResultComparison c = ResultComparison.Compare(Result(), missing);
        Assert.Equal("MISSING", c.Tensors[3].Status);
        Assert.Contains("layers[0].weightsGradient", c.ToString());

        var wrongShape = new OracleResult(new Tensor(new Shape(2, 1), [1, 2]), 0.25, Tensor.Row(0.1, 0.2), Result().Layers);
        Assert.Equal("SHAPE 2×1 ≠ 1×2", ResultComparison.Compare(Result(), wrongShape).Tensors[0].Status);

        ResultComparison types = ResultComparison.Compare(Result(), Result(type: "conv"));
        Assert.False(types.Agrees);
        Assert.Contains("note: layers[0].type: the result says \"conv\" but the case says \"dense\"", types.ToString());

        var fewer = new OracleResult(Tensor.Row(1, 2), 0.25, Tensor.Row(0.1, 0.2), [Result().Layers[0]]);
        Assert.Contains("the result has 1 layers but the case has 2", ResultComparison.Compare(Result(), fewer).ToString());

        var extra = new OracleResult(Tensor.Row(1, 2), 0.25, Tensor.Row(0.1, 0.2), [Result().Layers[0], new LayerGradients("activation", Tensor.Row(1), null)]);
        Assert.Contains("layers[1].weightsGradient: the result has it but the reference layer has no parameters", ResultComparison.Compare(Result(), extra).ToString());
    }

    [Fact]
    public void NonFinite_AgreesOnlyWithTheSameValue()
    {
        Assert.True(ResultComparison.Compare(Result(loss: double.PositiveInfinity), Result(loss: double.PositiveInfinity)).Agrees);
        Assert.False(ResultComparison.Compare(Result(loss: double.PositiveInfinity), Result(loss: 1e308)).Agrees);
        Assert.False(ResultComparison.Compare(Result(), Result(loss: double.NaN)).Agrees);
    }

    [Fact]
    public void FirstDifference_AtAReferenceZero_HasInfiniteRelativeError()
    {
        var zero = new OracleResult(Tensor.Row(0, 2), 0.25, Tensor.Row(0.1, 0.2), Result().Layers);
        var off = new OracleResult(Tensor.Row(1e-6, 2), 0.25, Tensor.Row(0.1, 0.2), Result().Layers);
        Assert.Contains("first difference: output[0,0]: reference 0, yours 1E-06 (abs 1.00E-006, rel Infinity,", ResultComparison.Compare(zero, off).ToString());
    }

    [Fact]
    public void UlpDistance_CountsDoublesBetween()
    {
        Assert.Equal(0UL, ResultComparison.UlpDistance(1, 1));
        Assert.Equal(1UL, ResultComparison.UlpDistance(1, Math.BitIncrement(1)));
        Assert.Equal(0UL, ResultComparison.UlpDistance(0.0, -0.0));
        Assert.Equal(2UL, ResultComparison.UlpDistance(-double.Epsilon, double.Epsilon));
        Assert.Equal(ulong.MaxValue, ResultComparison.UlpDistance(1, double.NaN));
        Assert.Equal(0UL, ResultComparison.UlpDistance(double.NaN, double.NaN));
    }

    [Fact]
    public void ReadResult_ParsesWhatGradWrites_AndRejectsBadFiles()
    {
        OracleResult result = Result(loss: double.PositiveInfinity);
        OracleResult back = ResultComparison.ReadResult(ResultFile.Write(result), "r.json");
        Assert.True(ResultComparison.Compare(result, back).Agrees);
        Assert.Null(back.Layers[1].WeightsGradient);

        void Rejects(string json, string message) =>
            Assert.Contains(message, Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(json, "r.json")).Message);
        Rejects("""{"format":"referencenn/case@1"}""", "r.json: $.format: this is a case file (the CASE of refnn grad, train, check and gradcheck) (\"referencenn/case@1\"), not a result file");
        // The format is read first, so a case or trained file is named as such, not refused for its first unknown field.
        Rejects("""{"format":"referencenn/trained@1","epochErrors":[1],"network":[]}""", "r.json: $.format: this is the output of refnn train");
        Rejects("""{"format":"referencenn/case@2","network":[]}""", "r.json: $.format: unsupported format \"referencenn/case@2\"");
        Rejects("""{"format":"referencenn/result@1","output":[[1]],"loss":1,"inputGradient":[[1]]}""", "r.json: $.layers: is missing");
        Rejects("""{"format":"referencenn/result@1","output":[[1]],"loss":1,"inputGradient":[[1]],"layers":{}}""", "$.layers: must be an array");
        Rejects("""{"format":"referencenn/result@1","output":[[1]],"loss":1,"inputGradient":[[1]],"layers":[{"type":1}]}""", "$.layers[0].type: must be a string");
        Rejects("""{"format":"referencenn/result@1","output":{"npy":"o.npy"},"loss":1,"inputGradient":[[1]],"layers":[]}""", "$.output: a result holds its tensors inline");
        Rejects("""{"format":"referencenn/result@1","outputs":[[1]]}""", "$.outputs: unknown field");
        Rejects("""{"format":"referencenn/result@1","output":[[1]],"loss":"big","inputGradient":[[1]],"layers":[]}""", "$.loss: expected a number, got the string \"big\"");
    }

    [Fact]
    public void ReadResult_ReadsTheDeclaredDtype_AndRejectsAnyOther()
    {
        const string body = "\"output\":[[1]],\"loss\":1,\"inputGradient\":[[1]],\"layers\":[]";
        Precision? Declared(string json)
        {
            ResultComparison.ReadResult(System.Text.Encoding.UTF8.GetBytes(json), "r.json", new Budget(Limits.Default), out Precision? declared);
            return declared;
        }
        Assert.Null(Declared($$"""{"format":"referencenn/result@1",{{body}}}"""));
        Assert.Equal(Precision.Float32, Declared($$"""{"format":"referencenn/result@1","dtype":"float32",{{body}}}"""));
        Assert.Equal(Precision.Float64, Declared($$"""{"format":"referencenn/result@1","dtype":"float64",{{body}}}"""));
        foreach (string bad in new[] { "\"float16\"", "\"Float32\"", "32", "null" })
        {
            var e = Assert.Throws<CaseFileException>(() => Declared($$"""{"format":"referencenn/result@1","dtype":{{bad}},{{body}}}"""));
            Assert.StartsWith("r.json: $.dtype: must be \"float64\" or \"float32\"", e.Message);
        }
    }

    private static OracleCase Xor() => CaseFile.Load(Repository.PathOf("Verification/Conformance/xor.case.json"));

    private static OracleResult WithWeightsGradient(OracleResult r, int layer, Func<double, int, double> change)
    {
        var layers = r.Layers.Select((l, n) =>
        {
            if (n != layer) return l;
            var w = l.WeightsGradient!.Clone();
            for (int i = 0; i < w.Length; i++) w.Span[i] = change(w.Span[i], i);
            return l with { WeightsGradient = w };
        }).ToList();
        return new OracleResult(r.Output, r.Loss, r.InputGradient, layers);
    }

    [Fact]
    public void Float32_FormulasInFloat_AgreeAndTheReportSaysHowCloseToTheBound()
    {
        OracleCase c = Xor();
        FormulaResult<float> single = FormulaNetwork.Evaluate<float>(c);
        OracleResult reference = OracleResult.Compute(c);
        static Tensor Widened(Shape shape, float[] values) => new(shape, values.Select(v => (double)v).ToArray());
        var layers = reference.Layers.Select((l, n) => l.WeightsGradient is null ? l
            : l with { WeightsGradient = Widened(l.WeightsGradient.Shape, single.WeightsGradients[n]!), BiasGradient = Widened(l.BiasGradient!.Shape, single.BiasGradients[n]!) }).ToList();
        var theirs = new OracleResult(Widened(reference.Output.Shape, single.Output), single.Loss, Widened(reference.InputGradient.Shape, single.InputGradient), layers);
        Assert.False(ResultComparison.Compare(reference, theirs).Agrees); // float32 rounding is far beyond the double tolerances
        ResultComparison comparison = ResultComparison.CompareFloat32(c, theirs);
        Assert.True(comparison.Agrees, comparison.ToString());
        Assert.Equal(Precision.Float32, comparison.Precision);
        Assert.All(comparison.Tensors, t => Assert.InRange(t.WorstBoundRatio, 0, 0.5));
        Assert.Contains(comparison.Tensors, t => t.WorstBoundRatio > 0);
        string report = comparison.ToString();
        Assert.StartsWith("tensor                     shape       worst abs   worst |Δ|/bound   unresolved  status\n", report);
        Assert.Matches(@"\nloss +scalar +\S+ +\S+ +0 +ok\n", report);
        Assert.Matches(@"\nAGREE \(float32\): all 7 tensors within float32 rounding, every element within its derived bound \(worst \|Δ\|/bound 0\.\d+\)\n$", report);
    }

    [Fact]
    public void Float32_OneElementBeyondItsBound_IsNamedWithHowManyTimesTheBound()
    {
        OracleCase c = Xor();
        OracleResult reference = OracleResult.Compute(c);
        Float32Tensor bounds = Float32Reference.Compute(c).Tensors.Single(t => t.Name == "layers[0].weightsGradient");
        // The largest element moved by 1000 of its bounds: beyond rounding by a factor the report gives.
        int e = Enumerable.Range(0, bounds.Reference.Length).MaxBy(i => Math.Abs(bounds.Reference[i]));
        Assert.True(bounds.Bound[e] > 0 && bounds.Bound[e] < 1e-4 * Math.Abs(bounds.Reference[e]));
        OracleResult theirs = WithWeightsGradient(reference, 0, (v, i) => i == e ? v + 1000 * bounds.Bound[e] : v);
        ResultComparison comparison = ResultComparison.CompareFloat32(c, theirs);
        Assert.False(comparison.Agrees);
        TensorComparison w = comparison.Tensors.Single(t => !t.Agrees);
        Assert.Equal("layers[0].weightsGradient", w.Name);
        Assert.Equal(1, w.Outside);
        Assert.InRange(w.WorstBoundRatio, 999, 1001);
        Assert.Equal(bounds.Bound[e], w.FirstOutsideBound);
        string report = comparison.ToString();
        Assert.Contains("BEYOND ROUNDING (1 of 6)", report);
        Assert.Matches($@"first difference: layers\[0\]\.weightsGradient\[{e / 3},{e % 3}\]: reference \S+, yours \S+ \(abs \S+; its float32 bound \S+: 1000 times the bound, beyond rounding\)\n", report);
        Assert.EndsWith("DISAGREE (float32): 1 of 7 tensors beyond float32 rounding (worst |Δ|/bound 1000)\n", report);
        // At 0.9 of its bound the same element agrees: the bound is the verdict, not a tolerance beside it.
        Assert.True(ResultComparison.CompareFloat32(c, WithWeightsGradient(reference, 0, (v, i) => i == e ? v + 0.9 * bounds.Bound[e] : v)).Agrees);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.0016123, "0.00161")]
    [InlineData(0.5, "0.5")]
    [InlineData(3.2712, "3.27")]
    [InlineData(41.23, "41.2")]
    [InlineData(999.99, "1000")]
    [InlineData(241000.0, "2.41e+05")]
    [InlineData(3.1e-7, "3.10e-07")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void Ratio_IsWrittenForReading(double ratio, string text) => Assert.Equal(text, ResultComparison.Ratio(ratio));

    [Fact]
    public void Float32_NonFinite_AgreesOnlyWithItself_AndAnInfiniteBoundWithAnything()
    {
        OracleCase c = Xor();
        OracleResult reference = OracleResult.Compute(c);
        Assert.False(ResultComparison.CompareFloat32(c, WithWeightsGradient(reference, 0, (v, i) => i == 0 ? double.NaN : v)).Agrees);
        Assert.False(ResultComparison.CompareFloat32(c, WithWeightsGradient(reference, 0, (v, i) => i == 0 ? double.PositiveInfinity : v)).Agrees);
        // A reference beyond float's range: float32 overflows, and any value agrees (the bound is +∞), reported as unresolved.
        OracleCase huge = CaseFile.Parse("""
            {"format":"referencenn/case@1","network":[{"type":"dense","weights":[[1e39]],"bias":[[0]]}],"loss":"mse","input":[[1]],"target":[[0]]}
            """, "huge.json");
        OracleResult big = OracleResult.Compute(huge);
        var overflowed = new OracleResult(new Tensor(big.Output.Shape, [double.PositiveInfinity]), double.PositiveInfinity, big.InputGradient, big.Layers);
        ResultComparison comparison = ResultComparison.CompareFloat32(huge, overflowed);
        Assert.True(comparison.Tensors[0].Agrees && comparison.Tensors[1].Agrees, comparison.ToString());
        Assert.Equal(1, comparison.Tensors[0].Unresolved);
        Assert.Equal(1, comparison.Tensors[0].Unbounded);
        Assert.Contains("cannot be told from zero in float32", comparison.ToString());
        Assert.Matches(@"; \d+ elements have no float32 bound \(overflow, or a divisor rounding can zero\) and are not checked\n$", comparison.ToString());
    }

    [Fact]
    public void Float32_AWrongShape_IsNamedAsSuch_NotAsRounding()
    {
        OracleCase c = Xor();
        OracleResult r = OracleResult.Compute(c);
        var wrong = new OracleResult(r.Output, r.Loss, Tensor.Row(1, 2, 3), r.Layers);
        string report = ResultComparison.CompareFloat32(c, wrong).ToString();
        Assert.Contains("DISAGREE (float32): 1 of 7 tensors missing or of another shape (worst |Δ|/bound 0)\n", report);
        Assert.DoesNotContain("beyond float32 rounding", report);
    }
}
