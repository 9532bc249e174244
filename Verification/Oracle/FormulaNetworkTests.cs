using System;
using System.IO;
using System.Linq;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class FormulaNetworkTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Repository.PathOf("Verification/Conformance"), "*.case.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    /// <summary>
    /// In double, the formulas run directly give what the layers give: output, loss, ∂E/∂X and every layer's ∂E/∂W and
    /// ∂E/∂B, bit for bit, on every conformance case (every layer, activation and loss).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void InDouble_IsWhatTheLayersCompute_BitForBit(string caseFile)
    {
        OracleCase c = CaseFile.Load(Repository.PathOf($"Verification/Conformance/{caseFile}"));
        FormulaResult<double> direct = FormulaNetwork.Evaluate<double>(c);
        OracleResult layers = OracleResult.Compute(c);
        Assert.Equal(BitConverter.DoubleToInt64Bits(layers.Loss), BitConverter.DoubleToInt64Bits(direct.Loss));
        Assert.True(layers.Output.BitwiseEquals(new Tensor(layers.Output.Shape, direct.Output)));
        Assert.True(layers.InputGradient.BitwiseEquals(new Tensor(layers.InputGradient.Shape, direct.InputGradient)));
        for (int n = 0; n < layers.Layers.Count; n++)
        {
            LayerGradients expected = layers.Layers[n];
            Assert.Equal(expected.WeightsGradient is null, direct.WeightsGradients[n] is null);
            if (expected.WeightsGradient is null) continue;
            Assert.True(expected.WeightsGradient.BitwiseEquals(new Tensor(expected.WeightsGradient.Shape, direct.WeightsGradients[n])), $"layer {n} weights");
            Assert.True(expected.BiasGradient!.BitwiseEquals(new Tensor(expected.BiasGradient.Shape, direct.BiasGradients[n])), $"layer {n} bias");
        }
    }

    /// <summary>In float, every operation rounds to single precision: close to the double result, and not equal to it.</summary>
    [Fact]
    public void InFloat_IsNearTheDoubleResult_ButNotIt()
    {
        OracleCase c = CaseFile.Load(Repository.PathOf("Verification/Conformance/xor.case.json"));
        FormulaResult<float> single = FormulaNetwork.Evaluate<float>(c);
        FormulaResult<double> reference = FormulaNetwork.Evaluate<double>(c);
        Assert.Equal(reference.Loss, single.Loss, reference.Loss * 1e-5);
        Assert.NotEqual(reference.Loss, (double)single.Loss);
        for (int n = 0; n < reference.InputGradient.Length; n++)
        {
            Assert.Equal(reference.InputGradient[n], single.InputGradient[n], Math.Abs(reference.InputGradient[n]) * 1e-4 + 1e-7);
        }
    }

    [Fact]
    public void Convert_RoundsEachElementToTheNearestValueOfTheType()
    {
        float[] values = FormulaNetwork.Convert<float>(Tensor.Row(0.1, 1e300, -2.5));
        Assert.Equal([0.1f, float.PositiveInfinity, -2.5f], values);
    }
}
