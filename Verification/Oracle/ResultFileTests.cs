using System;
using System.Linq;
using ReferenceNN.Oracle;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class ResultFileTests
{
    [Fact]
    public void NpyName_TurnsBracketsIntoDots()
    {
        Assert.Equal("layers.2.weightsGradient.npy", ResultFile.NpyName("layers[2].weightsGradient"));
        Assert.Equal("network.0.bias.npy", ResultFile.NpyName("network[0].bias"));
        Assert.Equal("output.npy", ResultFile.NpyName("output"));
    }

    [Fact]
    public void Tensors_NameEveryOutputInOrder()
    {
        var result = new OracleResult(Tensor.Row(1), 2, Tensor.Row(3), [new LayerGradients("dense", Tensor.Row(4), Tensor.Row(5))]);
        Assert.Equal(["output", "loss", "inputGradient", "layers[0].weightsGradient", "layers[0].biasGradient"], ResultFile.Tensors(result).Select(t => t.Name));
        Assert.Equal(2, ResultFile.Tensors(result).ElementAt(1).Tensor.Span[0]);
    }

    [Fact]
    public void WriteTrained_KeepsEveryLayersSettings()
    {
        OracleCase c = CaseFile.Parse(CaseFileTests.Case(
            network: """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[0.5,0.6]},{"type":"activation","function":"leaky_relu","alpha":0.25},{"type":"dropout","rate":0.5,"mask":[[1,0]]},{"type":"dropout","rate":0.2}]"""), "t.json");
        string json = ResultFile.WriteTrained(c, [0.5]);
        Assert.Contains("\"function\": \"leaky_relu\",\n      \"alpha\": 0.25", json);
        Assert.Contains("\"rate\": 0.5,\n      \"mask\": [", json);
        Assert.Contains("\"rate\": 0.2\n", json);
        // The bias comes back in the shape the case gave it (j), and the whole file feeds back as a network.
        Assert.Contains("\"bias\": [\n        0.5,", json);
        string network = json[json.IndexOf('[', json.IndexOf("\"network\""))..].TrimEnd().TrimEnd('}');
        Assert.Equal(4, CaseFile.Parse(CaseFileTests.Case(network: network), "fed.json").Layers.Count);
    }

    [Fact]
    public void Write_NonFiniteLoss_IsWrittenByName()
    {
        var result = new OracleResult(Tensor.Row(0), double.PositiveInfinity, Tensor.Row(double.NegativeInfinity), []);
        string json = ResultFile.Write(result);
        Assert.Contains("\"loss\": \"Infinity\"", json);
        Assert.Contains("\"-Infinity\"", json);
        Assert.EndsWith("}\n", json);
    }
}
