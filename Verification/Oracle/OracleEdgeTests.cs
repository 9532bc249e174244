using System;
using System.IO;
using System.Linq;
using System.Text;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

/// <summary>The oracle's remaining edges: each test pins a message, a boundary or a figure a slip would change.</summary>
public class OracleEdgeTests
{
    private const string Dense = """{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[[0.5,0.6]]}""";

    private static string Field(string json) => Assert.Throws<CaseFileException>(() => CaseFile.Parse(json, "c.json")).Field;

    [Theory]
    [InlineData("""{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[[0.5,0.6]],"activation":"tanh"}""", "$.network[0].activation")]
    [InlineData("""{"type":"activation","function":"tanh","slope":1}""", "$.network[0].slope")]
    [InlineData("""{"type":"softmax","axis":1}""", "$.network[0].axis")]
    [InlineData("""{"type":"dropout","rate":0.5,"seed":1}""", "$.network[0].seed")]
    public void UnknownFieldOfEveryRowLayer_IsNamed(string layer, string field) =>
        Assert.Equal(field, Field(CaseFileTests.Case(network: $"[{layer}]", input: "[[1,2]]", target: "[[1,2]]")));

    [Theory]
    [InlineData("""{"type":"conv","weights":[[[[1]]]],"bias":[0],"padding":1}""", "$.network[0].padding")]
    [InlineData("""{"type":"maxpool","size":[1,1],"pad":0}""", "$.network[0].pad")]
    public void UnknownFieldOfEveryImageLayer_IsNamed(string layer, string field) =>
        Assert.Equal(field, Field(CaseFileTests.Case(network: $"[{layer}]", input: "[[[1]]]", target: "[[[1]]]")));

    [Fact]
    public void FieldsOfLayersAndTrain_AreNamedInMessages()
    {
        Assert.Equal("$.network[0].weights", Field(CaseFileTests.Case(network: """[{"type":"dense","bias":[[0]]}]""")));
        Assert.Equal("$.network[0].bias", Field(CaseFileTests.Case(network: """[{"type":"dense","weights":[[1,2],[3,4]]}]""")));
        Assert.Equal("$.network[0].weights", Field(CaseFileTests.Case(network: """[{"type":"conv","bias":[0]}]""", input: "[[[1]]]")));
        Assert.Equal("$.network[0].bias", Field(CaseFileTests.Case(network: """[{"type":"conv","weights":[[[[1]]]]}]""", input: "[[[1]]]")));
        Assert.Equal("$.network[1].alpha", Field(CaseFileTests.Case(network: $$"""[{{Dense}},{"type":"activation","function":"leaky_relu","alpha":"x"}]""")));
        Assert.Equal("$.network[1].function", Field(CaseFileTests.Case(network: $$"""[{{Dense}},{"type":"activation"}]""")));
        Assert.Equal("$.network[0].size[1]", Field(CaseFileTests.Case(network: """[{"type":"maxpool","size":[1,0]}]""", input: "[[[1]]]")));
        Assert.Equal("$.network[1].mask", Field(CaseFileTests.Case(network: $$"""[{{Dense}},{"type":"dropout","rate":0.5,"mask":"none"}]""")));
        Assert.Equal("$.network[1].rate", Field(CaseFileTests.Case(network: $$"""[{{Dense}},{"type":"dropout","rate":"half"}]""")));
        Assert.Equal("$.input", Field("""{"format":"referencenn/case@1","network":[1],"loss":"mse","target":[[1]]}"""));
        Assert.Equal("$.network", Field("""{"format":"referencenn/case@1","loss":"mse","input":[[1]],"target":[[1]]}"""));
        Assert.Equal("$.loss", Field($$"""{"format":"referencenn/case@1","network":[{{Dense}}],"input":[[1,2]],"target":[[1,2]]}"""));
        Assert.Equal("$.target", Field($$"""{"format":"referencenn/case@1","network":[{{Dense}}],"loss":"mse","input":[[1,2]]}"""));
        const string t = "[[[0,1]]]";
        Assert.Equal("$.train", Field(CaseFileTests.Case(train: "[]")));
        Assert.Equal("$.train.inputs", Field(CaseFileTests.Case(train: $$"""{"targets":{{t}},"epochs":1,"learningRate":0.1}""")));
        Assert.Equal("$.train.targets", Field(CaseFileTests.Case(train: """{"inputs":[[[1,2]]],"epochs":1,"learningRate":0.1}""")));
        Assert.Equal("$.train.epochs", Field(CaseFileTests.Case(train: $$"""{"inputs":[[[1,2]]],"targets":{{t}},"learningRate":0.1}""")));
        Assert.Equal("$.train.targets", Field(CaseFileTests.Case(train: """{"inputs":[[[1,2]]],"targets":[[[0,1,2]]],"epochs":1,"learningRate":0.1}""")));
    }

    [Fact]
    public void Messages_ListTheExpectedFieldsAndSayWhatIsMissing()
    {
        CaseFileException e = Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"flatten","x":1}]"""), "c.json"));
        Assert.Equal("unknown field (expected type)", e.Problem);
        e = Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"maxpool","size":[1,1],"x":1}]""", input: "[[[1]]]"), "c.json"));
        Assert.Equal("unknown field (expected type, size, stride)", e.Problem);
        e = Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(train: """{"inputs":[[[1,2]]],"targets":[[[0,1,2]]],"epochs":1,"learningRate":0.1}"""), "c.json"));
        Assert.Equal("the samples are 1×3 (stacked 1×1×3) but the network gives 1×2; stack samples on a first axis", e.Problem);
        e = Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(train: "[]"), "c.json"));
        Assert.Equal("expected a training set (a JSON object), got an array", e.Problem);
        e = Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(target: "[[1]]"), "c.json"));
        Assert.Equal("$.target", e.Field);
    }

    [Fact]
    public void Parse_NullArguments_Throw()
    {
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => CaseFile.Parse(null!, "c.json")).ParamName);
        Assert.Equal("file", Assert.Throws<ArgumentNullException>(() => CaseFile.Parse(CaseFileTests.Case(), null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => CaseFile.Load(null!)).ParamName);
    }

    [Fact]
    public void DropoutRateZero_IsAccepted_AndOneAxisInputsStackToTwoAxes()
    {
        OracleCase c = CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"softmax"},{"type":"dropout","rate":0}]""", input: "[0.1,0.2]", target: "[0.4,0.6]",
            train: """{"inputs":[[0.1,0.2],[0.3,0.4]],"targets":[[0.5,0.5],[0.5,0.5]],"epochs":1,"learningRate":0.1}"""), "c.json");
        Assert.Equal(0, c.Layers[1].DropoutRate);
        Assert.Equal(new Shape(2), c.Train!.Inputs[1].Shape);
        Assert.Equal([0.3, 0.4], c.Train.Inputs[1].Span.ToArray());
    }

    [Fact]
    public void ReadResult_NamesTheLayerEntryAtFault()
    {
        string json = """{"format":"referencenn/result@1","output":[[1]],"loss":1,"inputGradient":[[1]],"layers":[{"type":"dense"},{"type":"dense","weightsGradient":"x"}]}""";
        CaseFileException e = Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(json, "r.json"));
        Assert.Equal("$.layers[1].weightsGradient", e.Field);
        json = json.Replace("\"weightsGradient\":\"x\"", "\"biasGradient\":\"x\"");
        Assert.Equal("$.layers[1].biasGradient", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(json, "r.json")).Field);
        Assert.Equal("$.layers[0]", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(json.Replace("[{\"type\":\"dense\"},", "[3,"), "r.json")).Field);
        Assert.Equal("$.inputGradient", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(
            """{"format":"referencenn/result@1","output":[[1]],"loss":1,"layers":[]}""", "r.json")).Field);
        Assert.Equal("$.output", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(
            """{"format":"referencenn/result@1","loss":1,"inputGradient":[[1]],"layers":[]}""", "r.json")).Field);
        Assert.Equal("$.loss", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(
            """{"format":"referencenn/result@1","output":[[1]],"inputGradient":[[1]],"layers":[]}""", "r.json")).Field);
        Assert.Equal("$", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult("3", "r.json")).Field);
        Assert.Contains("expected a result (a JSON object)", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult("3", "r.json")).Problem);
        Assert.Throws<ArgumentNullException>(() => ResultComparison.ReadResult(null!, "r.json"));
    }

    [Fact]
    public void Compare_NullsAndBadTolerancesAreRefused()
    {
        var r = new OracleResult(Tensor.Row(1), 0, Tensor.Row(1), []);
        Assert.Throws<ArgumentNullException>(() => ResultComparison.Compare(null!, r));
        Assert.Throws<ArgumentNullException>(() => ResultComparison.Compare(r, null!));
        Assert.Contains("tolerances must be finite and non-negative, not rtol 1, atol -1",
            Assert.Throws<ArgumentOutOfRangeException>(() => ResultComparison.Compare(r, r, 1, -1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultComparison.Compare(r, r, double.PositiveInfinity, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultComparison.Compare(r, r, 0, double.PositiveInfinity));
        Assert.Throws<ArgumentNullException>(() => new OracleResult(Tensor.Row(1), 0, null!, []));
        Assert.Throws<ArgumentNullException>(() => new OracleResult(Tensor.Row(1), 0, Tensor.Row(1), null!));
    }

    [Fact]
    public void Compare_ExactlyAtTheTolerance_Agrees_AndFiguresAreTheWorst()
    {
        var reference = new OracleResult(Tensor.Row(1, 2, 4), 0, Tensor.Row(1), []);
        var yours = new OracleResult(Tensor.Row(1.5, 2, 3), 0, Tensor.Row(1), []);
        TensorComparison output = ResultComparison.Compare(reference, yours, rtol: 0, atol: 1).Tensors[0];
        Assert.True(output.Agrees);
        Assert.Equal("ok", output.Status);
        Assert.Equal(1, output.WorstAbsolute);
        Assert.Equal(0.5, output.WorstRelative);
        Assert.Equal(ResultComparison.UlpDistance(4, 3), output.WorstUlps);
        Assert.Null(output.FirstOutside);

        TensorComparison strict = ResultComparison.Compare(reference, yours, rtol: 0, atol: 0.5).Tensors[0];
        Assert.Equal(1, strict.Outside);
        Assert.Equal([0, 2], strict.FirstOutside!.Value.Index);
        TensorComparison strictest = ResultComparison.Compare(reference, yours, rtol: 0, atol: 0).Tensors[0];
        Assert.Equal(2, strictest.Outside);
        Assert.Equal([0, 0], strictest.FirstOutside!.Value.Index);
        Assert.Equal("DIFFERS (2 of 3)", strictest.Status);
        Assert.Equal(new Shape(1, 3), strictest.ReferenceShape);
        Assert.Equal(new Shape(1, 3), strictest.YourShape);
    }

    [Fact]
    public void Compare_NaNAgainstANumber_IsAnInfiniteDifference()
    {
        var reference = new OracleResult(Tensor.Row(1), 0, Tensor.Row(1), []);
        var yours = new OracleResult(Tensor.Row(double.NaN), 0, Tensor.Row(1), []);
        TensorComparison c = ResultComparison.Compare(reference, yours).Tensors[0];
        Assert.Equal(double.PositiveInfinity, c.WorstAbsolute);
        Assert.Equal(double.PositiveInfinity, c.WorstRelative);
        Assert.Equal(ulong.MaxValue, c.WorstUlps);
    }

    [Fact]
    public void UlpDistance_IsSymmetric()
    {
        Assert.Equal(1UL, ResultComparison.UlpDistance(Math.BitIncrement(1), 1));
        Assert.Equal(3UL, ResultComparison.UlpDistance(-1, Math.BitDecrement(Math.BitDecrement(Math.BitDecrement(-1)))));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Npy_Version2And3Headers_UseTheirFourByteLength_UpToNumpysLimit(int major)
    {
        // Version 2 and 3 give the header's length in four bytes; np.load reads at most 10,000 of them, and so does refnn.
        byte[] File(int padding)
        {
            string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + new string(' ', padding) + "\n";
            var bytes = new MemoryStream();
            bytes.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
            bytes.Write(BitConverter.GetBytes(dict.Length));
            bytes.Write(Encoding.Latin1.GetBytes(dict));
            bytes.Write(BitConverter.GetBytes(2.5));
            return bytes.ToArray();
        }
        byte[] largest = File(Npy.MaxHeaderBytes - 58), over = File(Npy.MaxHeaderBytes - 57);
        Assert.Equal([2.5], Npy.Read(new MemoryStream(largest), largest.Length, "c.json", "$", "big.npy").Span.ToArray());
        Assert.Equal("c.json: $: big.npy: the header is 10001 bytes; NumPy reads at most 10000 (np.load's max_header_size)",
            Assert.Throws<CaseFileException>(() => Npy.Read(new MemoryStream(over), over.Length, "c.json", "$", "big.npy")).Message);
    }

    [Fact]
    public void Npy_AShapeOfExactlyArrayMaxLength_PassesTheArrayCheck_AndOneMoreDoesNot()
    {
        // The stream overload is told a length that holds the data the header claims, so the size checks run with
        // no 8 GiB file: Array.MaxLength values are as many as an array holds (the memory budget then refuses them),
        // one more is not.
        foreach (long count in new long[] { Array.MaxLength, Array.MaxLength + 1L })
        {
            byte[] header = NpyTests.Make("<f4", $"({count},)", []);
            CaseFileException e = Assert.Throws<CaseFileException>(() =>
                Npy.Read(new MemoryStream(header), header.Length + 4 * count, "c.json", "$", "x.npy"));
            if (count == Array.MaxLength) Assert.StartsWith("c.json: $: the case needs at least ", e.Message);
            else Assert.Equal($"c.json: $: x.npy: shape ({count},) holds {count} values, more than an array holds ({Array.MaxLength})", e.Message);
        }
    }

    [Fact]
    public void Npy_ShapeBeyondWhatAnArrayHolds_IsRefused()
    {
        CaseFileException e = Assert.Throws<CaseFileException>(() =>
            Npy.Read(new MemoryStream(NpyTests.Make("<f8", $"({Array.MaxLength + 1},)", NpyTests.Doubles(1))), 10_000, "c.json", "$", "x.npy"));
        Assert.Contains($"the header claims {Array.MaxLength + 1} values", e.Message);
    }

    [Fact]
    public void Npy_WriteRefusesNulls()
    {
        Assert.Throws<ArgumentNullException>(() => Npy.Write(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => Npy.Write(Tensor.Row(1), null!));
        Assert.Throws<ArgumentNullException>(() => Npy.WriteScalar(1, null!));
        Assert.Throws<ArgumentNullException>(() => Npy.Read(null!, "c.json", "$"));
    }

    [Fact]
    public void ResultFile_RefusesNulls_AndWritesTheProducer()
    {
        Assert.Throws<ArgumentNullException>(() => ResultFile.Write(null!));
        Assert.Throws<ArgumentNullException>(() => ResultFile.WriteTrained(null!, []));
        OracleCase c = CaseFile.Parse(CaseFileTests.Case(), "c.json");
        Assert.Throws<ArgumentNullException>(() => ResultFile.WriteTrained(c, null!));
        Assert.Throws<ArgumentNullException>(() => ResultFile.WriteNpy(null!, "d"));
        Assert.Throws<ArgumentNullException>(() => ResultFile.WriteTrainedNpy(null!, [], "d"));
        Assert.Throws<ArgumentNullException>(() => ResultFile.WriteTrainedNpy(c, null!, "d"));
        Assert.Contains($"\"producer\": \"{Producer.Name}\"", ResultFile.WriteTrained(c, [1]));
    }

    [Fact]
    public void ResultFile_TrainedNpy_WritesWeightsAndBiasIntoANewFolder_WithoutPartialFiles()
    {
        using var folder = new TempFolder();
        string directory = Path.Combine(folder.Path, "new", "deeper");
        OracleCase c = CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[0.5,0.6]}]"""), "c.json");
        ResultFile.WriteTrainedNpy(c, [0.25, 0.125], directory);
        Assert.Equal(["epochErrors.npy", "network.0.bias.npy", "network.0.weights.npy"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
        Assert.Equal([0.5, 0.6], Npy.Read(Path.Combine(directory, "network.0.bias.npy"), "x", "$").Span.ToArray());
        Assert.Equal(new Shape(2), Npy.Read(Path.Combine(directory, "network.0.bias.npy"), "x", "$").Shape);
        Assert.Equal([0.25, 0.125], Npy.Read(Path.Combine(directory, "epochErrors.npy"), "x", "$").Span.ToArray());
        // Writing again replaces the files in place.
        ResultFile.WriteTrainedNpy(c, [0.5], directory);
        Assert.Equal([0.5], Npy.Read(Path.Combine(directory, "epochErrors.npy"), "x", "$").Span.ToArray());
    }

    [Fact]
    public void ResultFile_GradNpy_WritesTheLossAsAScalar()
    {
        using var folder = new TempFolder();
        var result = new OracleResult(Tensor.Row(1), 0.75, Tensor.Row(2), []);
        ResultFile.WriteNpy(result, folder.Path);
        byte[] loss = File.ReadAllBytes(Path.Combine(folder.Path, "loss.npy"));
        Assert.Contains("'shape': ()", Encoding.Latin1.GetString(loss));
        Assert.Equal(0.75, BitConverter.ToDouble(loss.AsSpan(^8)));
        ResultFile.WriteNpy(result, folder.Path);
        Assert.Equal(3, Directory.GetFiles(folder.Path).Length);
    }
}
