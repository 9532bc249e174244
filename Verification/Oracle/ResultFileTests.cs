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
    public void Write_NonFiniteLoss_IsWrittenByName()
    {
        var result = new OracleResult(Tensor.Row(0), double.PositiveInfinity, Tensor.Row(double.NegativeInfinity), []);
        string json = ResultFile.Write(result);
        Assert.Contains("\"loss\": \"Infinity\"", json);
        Assert.Contains("\"-Infinity\"", json);
        Assert.EndsWith("}\n", json);
    }
}
