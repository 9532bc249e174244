using System;
using System.IO;
using ReferenceNN.Layers;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

/// <summary>
/// Every bad input of the case format gets a one-line message naming the file and the JSON path at fault. The same
/// messages reach the command line, which prints them on stderr with exit code 2 (OracleCommandsTests).
/// </summary>
public class CaseFileTests
{
    private const string Dense = """{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[[0.5,0.6]]}""";

    internal static string Case(string network = $"[{Dense}]", string loss = "\"mse\"", string input = "[[1,2]]", string target = "[[0,1]]", string? train = null, string format = "\"referencenn/case@1\"") =>
        $$"""{"format":{{format}},"network":{{network}},"loss":{{loss}},"input":{{input}},"target":{{target}}{{(train is null ? "" : $",\"train\":{train}")}}}""";

    private static CaseFileException Bad(string json) => Assert.Throws<CaseFileException>(() => CaseFile.Parse(json, "/cases/bad.json"));

    private static void Rejects(string json, string field, string problem)
    {
        CaseFileException e = Bad(json);
        Assert.Equal("/cases/bad.json", e.File);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith($"bad.json: {field}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_AGoodCase_BuildsTheNetworkLossInputAndTarget()
    {
        OracleCase c = CaseFile.Parse(Case(train: """{"inputs":[[[1,2]],[[3,4]]],"targets":[[[0,1]],[[1,0]]],"epochs":2,"learningRate":0.5}"""), "good.json");
        Assert.Equal("good.json", c.File);
        Assert.Equal("dense", Assert.Single(c.Layers).Type);
        var dense = (FullyConnected)c.Layers[0].Layer;
        Assert.Equal(0.3, dense.Weights[1, 0]);
        Assert.Equal("mse", c.Loss.Name);
        Assert.Same(c.Loss, c.Network.Loss);
        Assert.Equal(new Shape(1, 2), c.Input.Shape);
        Assert.Equal(2, c.Train!.Inputs.Length);
        Assert.Equal([3.0, 4], c.Train.Inputs[1].Span.ToArray());
        Assert.Equal((2, 0.5), (c.Train.Epochs, c.Train.LearningRate));
    }

    [Fact] public void Empty_IsNotJson() => Rejects("  ", "$", "the file is empty, not JSON");
    [Fact] public void Garbage_IsNotJson() => Rejects("{\"format\": ", "$", "not valid JSON (line 1");
    [Fact] public void Comments_AreNotJson() => Rejects("// hi\n" + Case(), "$", "not valid JSON");
    [Fact] public void NotAnObject_IsRejected() => Rejects("[1]", "$", "expected a case (a JSON object), got an array");
    [Fact] public void UnknownFormatVersion_SaysWhichIsSupported() => Rejects(Case(format: "\"referencenn/case@2\""), "$.format", "unsupported format \"referencenn/case@2\"; this refnn (ReferenceNN 0.1.0) reads \"referencenn/case@1\"");
    [Fact] public void MissingFormat_IsRejected() => Rejects("""{"network":[],"loss":"mse","input":[[1]],"target":[[1]]}""", "$.format", "is missing");
    [Fact] public void AResultFileGivenAsTheCase_IsNamedAsOne() =>
        Rejects("""{"format":"referencenn/result@1","producer":"x","output":[[1]],"loss":1,"inputGradient":[[1]],"layers":[]}""", "$.format",
            "this is a result file (the RESULT of refnn check; refnn grad writes one) (\"referencenn/result@1\"), not a case file");
    [Fact] public void UnknownTopLevelField_IsRejected() => Rejects(Case().Replace("\"loss\"", "\"los\":1,\"loss\""), "$.los", "unknown field");
    [Fact] public void EmptyNetwork_IsRejected() => Rejects(Case(network: "[]"), "$.network", "must be a non-empty array of layers");
    [Fact] public void UnknownLayer_IsRejected() => Rejects(Case(network: """[{"type":"lstm"}]"""), "$.network[0].type", "unknown layer type \"lstm\"");
    [Fact] public void LayerWithoutType_IsRejected() => Rejects(Case(network: "[{}]"), "$.network[0].type", "is missing");
    [Fact] public void LayerNotAnObject_IsRejected() => Rejects(Case(network: "[3]"), "$.network[0]", "expected a layer object, got the number 3");
    [Fact] public void UnknownLayerField_IsRejected() => Rejects(Case(network: """[{"type":"flatten","size":2}]"""), "$.network[0].size", "unknown field (expected type)");
    [Fact] public void UnknownActivation_IsRejected() => Rejects(Case(network: $$"""[{{Dense}},{"type":"activation","function":"gelu"}]"""), "$.network[1].function", "unknown activation \"gelu\"");
    [Fact] public void AlphaOnlyForLeakyRelu() => Rejects(Case(network: $$"""[{{Dense}},{"type":"activation","function":"relu","alpha":0.1}]"""), "$.network[1].alpha", "only leaky_relu takes alpha, not relu");
    [Fact] public void UnknownLoss_IsRejected() => Rejects(Case(loss: "\"mae\""), "$.loss", "unknown loss \"mae\" (expected mse, binary_cross_entropy or cross_entropy)");
    [Fact] public void LossNotAString_IsRejected() => Rejects(Case(loss: "1"), "$.loss", "unknown loss the number 1");
    [Fact] public void RaggedArray_IsRejected() => Rejects(Case(input: "[[1,2],[3]]"), "$.input[1]", "ragged: 1 elements where 2 are expected");
    [Fact] public void RaggedDepth_IsRejected() => Rejects(Case(input: "[[1,2],3]"), "$.input[1]", "ragged: expected an array of 2 at this depth, got the number 3");
    [Fact] public void NonNumber_IsRejected() => Rejects(Case(input: "[[1,\"2\"]]"), "$.input[0][1]", "expected a number, got the string \"2\"");
    [Fact] public void Null_IsRejected() => Rejects(Case(input: "[[1,null]]"), "$.input[0][1]", "expected a number, got null");
    [Fact] public void NonFiniteInput_IsRejected() => Rejects(Case(input: "[[1,1e400]]"), "$.input[0][1]", "1e400 is not a finite double");
    [Fact] public void EmptyArray_IsRejected() => Rejects(Case(input: "[[]]"), "$.input", "an empty array is not a tensor");
    [Fact] public void TooDeep_IsRejected() => Rejects(Case(input: "[[[[[1]]]]]"), "$.input", "5 levels of nesting; a tensor has 1 to 4 axes");
    [Fact] public void TensorAsString_IsRejected() => Rejects(Case(input: "\"x\""), "$.input", "expected a tensor (nested arrays of numbers, or {\"npy\": …}), got the string \"x\"");
    [Fact] public void TensorObjectWithoutNpy_IsRejected() => Rejects(Case(input: "{}"), "$.input", "a tensor object needs \"npy\"");
    [Fact] public void TensorObjectWithOtherField_IsRejected() => Rejects(Case(input: """{"path":"a.npy"}"""), "$.input.path", "unknown field");
    [Fact] public void TensorNpyNotAString_IsRejected() => Rejects(Case(input: """{"npy":3}"""), "$.input.npy", "must be a path string");
    [Fact] public void MissingNpy_IsRejected() => Rejects(Case(input: """{"npy":"nowhere.npy"}"""), "$.input", "nowhere.npy: no such file");

    [Fact]
    public void ShapesThatDoNotChain_NameTheLayerAndBothShapes()
    {
        Rejects(Case(network: $"[{Dense},{Dense.Replace("[[0.1,0.2],[0.3,0.4]]", "[[0.1,0.2],[0.3,0.4],[0.5,0.6]]")}]"),
            "$.network[1]", "layer 1 (dense) takes 1×3 but layer 0 (dense) gives 1×2");
        Rejects(Case(input: "[[1,2,3]]"), "$.network[0]", "layer 0 (dense) takes 1×2 but the input gives 1×3");
        Rejects(Case(network: $"[{Dense},{{\"type\":\"conv\",\"weights\":[[[[1]]]],\"bias\":[0]}}]"), "$.network[1]", "layer 1 (conv) takes an image of depth 1 (i×j×1) but layer 0 (dense) gives 1×2");
        Rejects(Case(network: $"[{Dense},{{\"type\":\"maxpool\",\"size\":[1,1]}}]"), "$.network[1]", "layer 1 (maxpool) takes an image i×j×d but layer 0 (dense) gives 1×2");
    }

    [Fact]
    public void BadWeightsAndBias_AreRejected()
    {
        Rejects(Case(network: """[{"type":"dense","weights":[1,2],"bias":[[0]]}]"""), "$.network[0].weights", "dense weights are 2 but must be i×j");
        Rejects(Case(network: """[{"type":"dense","weights":[[1],[2]],"bias":[[0,1]]}]""", target: "[[1]]"), "$.network[0].bias", "the bias is 1×2 but 1×1 is required");
        Rejects(Case(network: """[{"type":"conv","weights":[[1]],"bias":[0]}]""", input: "[[[1]]]"), "$.network[0].weights", "conv weights are 1×1 but must be m×n×d×k");
        Rejects(Case(network: """[{"type":"conv","weights":[[[[1,2]]]],"bias":[0]}]""", input: "[[[1]]]"), "$.network[0].bias", "the bias is 1 but 2 is required");
        Rejects(Case(network: """[{"type":"conv","weights":[[[[1]]],[[[1]]]],"bias":[0]}]""", input: "[[[1]]]"), "$.network[0].weights", "the kernel 2×1 is larger than the input 1×1×1");
    }

    [Fact]
    public void Pooling_BadWindows_AreRejected()
    {
        Rejects(Case(network: """[{"type":"maxpool","size":[3,1]}]""", input: "[[[1],[2]],[[3],[4]]]"), "$.network[0].size", "the pooling window 3×1 is larger than the input 2×2×1");
        Rejects(Case(network: """[{"type":"maxpool","size":[0,1]}]""", input: "[[[1]]]"), "$.network[0].size[0]", "must be an integer ≥ 1, not 0");
        Rejects(Case(network: """[{"type":"maxpool","size":[1.5,1]}]""", input: "[[[1]]]"), "$.network[0].size[0]", "must be an integer ≥ 1, not 1.5");
        Rejects(Case(network: """[{"type":"maxpool","size":2}]""", input: "[[[1]]]"), "$.network[0].size", "expected two positive integers [rows, columns], got the number 2");
        Rejects(Case(network: """[{"type":"maxpool","size":[1,1],"stride":["a",1]}]""", input: "[[[1]]]"), "$.network[0].stride[0]", "must be an integer ≥ 1, not the string \"a\"");
    }

    [Fact]
    public void Dropout_BadRateOrMask_AreRejected()
    {
        Rejects(Case(network: $"[{Dense},{{\"type\":\"dropout\",\"rate\":1}}]"), "$.network[1].rate", "must be in [0, 1), not 1");
        Rejects(Case(network: $"[{Dense},{{\"type\":\"dropout\",\"rate\":0.5,\"mask\":[[1,0.5]]}}]"), "$.network[1].mask[0,1]", "is 0.5, but a mask holds only 0 and 1");
        Rejects(Case(network: $"[{Dense},{{\"type\":\"dropout\",\"rate\":0.5,\"mask\":[[1,0,1]]}}]"), "$.network[1].mask", "the mask is 1×3 but layer 0 (dense) gives 1×2");
        Rejects(Case(network: $"[{Dense},{{\"type\":\"dropout\"}}]"), "$.network[1].rate", "is missing");
    }

    [Fact] public void TargetUnlikeOutput_NamesBothShapes() => Rejects(Case(target: "[[0,1,2]]"), "$.target", "the target is 1×3 but the network's output is 1×2");

    [Fact]
    public void Train_BadParts_AreRejected()
    {
        const string inputs = "[[[1,2]],[[3,4]]]", targets = "[[[0,1]],[[1,0]]]";
        Rejects(Case(train: $$"""{"inputs":{{inputs}},"targets":[[[0,1]]],"epochs":1,"learningRate":0.1}"""), "$.train.targets", "1 targets for 2 inputs");
        Rejects(Case(train: $$"""{"inputs":{{inputs}},"targets":{{targets}},"epochs":0,"learningRate":0.1}"""), "$.train.epochs", "must be an integer ≥ 1, not 0");
        Rejects(Case(train: $$"""{"inputs":{{inputs}},"targets":{{targets}},"epochs":2.5,"learningRate":0.1}"""), "$.train.epochs", "not 2.5");
        Rejects(Case(train: $$"""{"inputs":{{inputs}},"targets":{{targets}},"epochs":1,"learningRate":"fast"}"""), "$.train.learningRate", "expected a number, got the string \"fast\"");
        Rejects(Case(train: $$"""{"inputs":{{inputs}},"targets":{{targets}},"epochs":1,"learningRate":1e999}"""), "$.train.learningRate", "1e999 is not a finite double");
        Rejects(Case(train: $$"""{"inputs":[[1,2,3]],"targets":{{targets}},"epochs":1,"learningRate":0.1}"""), "$.train.inputs", "the samples are 3 (stacked 1×3) but the network takes 1×2");
        Rejects(Case(train: $$"""{"inputs":[1,2],"targets":{{targets}},"epochs":1,"learningRate":0.1}"""), "$.train.inputs", "2 has no sample axis but the network takes 1×2");
        Rejects(Case(train: $$"""{"inputs":{{inputs}},"targets":{{targets}},"epochs":1}"""), "$.train.learningRate", "is missing");
        Rejects(Case(train: $$"""{"inputs":{{inputs}},"targets":{{targets}},"epochs":1,"learningRate":0.1,"batch":4}"""), "$.train.batch", "unknown field");
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        CaseFileException e = Assert.Throws<CaseFileException>(() => CaseFile.Load("/no/such/case.json"));
        Assert.Equal("case.json: $: no such file", e.Message);
    }

    [Fact]
    public void Load_ResolvesNpyRelativeToTheCaseFile()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "data"));
        using (FileStream stream = File.Create(Path.Combine(folder.Path, "data", "x.npy"))) Npy.Write(Tensor.Row(1, 2), stream);
        string path = folder.Write("case.json", Case(input: """{"npy":"data/x.npy"}"""));
        Assert.Equal([1.0, 2], CaseFile.Load(path).Input.Span.ToArray());
    }

    [Fact]
    public void DropoutWithoutMask_IsTheIdentity_AndKeepsItsRate()
    {
        OracleCase c = CaseFile.Parse(Case(network: $"[{Dense},{{\"type\":\"dropout\",\"rate\":0.4}}]"), "d.json");
        Assert.Equal(0.4, c.Layers[1].DropoutRate);
        Assert.False(c.Layers[1].HasMask);
        Tensor y = c.Network.Forward(c.Input).Clone();
        Assert.Equal(c.Layers[0].Layer.Output.Span.ToArray(), y.Span.ToArray());
    }

    [Fact]
    public void BiasGivenAsOneAxis_IsAccepted_AndRemembered()
    {
        OracleCase c = CaseFile.Parse(Case(network: """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[0.5,0.6]}]"""), "b.json");
        Assert.Equal(new Shape(2), c.Layers[0].BiasShape);
        Assert.Equal(0.6, ((FullyConnected)c.Layers[0].Layer).Bias[0, 1]);
    }
}

public class CaseFileNonStringTests
{
    private static string Problem(string json) => Assert.Throws<CaseFileException>(() => CaseFile.Parse(json, "c.json")).Message;

    [Fact]
    public void NonStringNames_AreDescribed()
    {
        Assert.Equal("c.json: $.format: unsupported format the number 1; this refnn (ReferenceNN 0.1.0) reads \"referencenn/case@1\"",
            Problem(CaseFileTests.Case(format: "1")));
        Assert.Equal("c.json: $.network[0].type: must be a string", Problem(CaseFileTests.Case(network: """[{"type":1}]""")));
        Assert.Contains("$.network[1].function: unknown activation the number 2",
            Problem(CaseFileTests.Case(network: """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[[0.5,0.6]]},{"type":"activation","function":2}]""")));
    }

    [Fact]
    public void ReadText_AFolder_CannotBeRead()
    {
        using var folder = new TempFolder();
        Assert.StartsWith($"{System.IO.Path.GetFileName(folder.Path)}: $: is a directory, not a regular file", Assert.Throws<CaseFileException>(() => CaseFile.ReadText(folder.Path)).Message);
    }
}
