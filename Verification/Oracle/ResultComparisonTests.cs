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
}
