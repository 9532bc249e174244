using System.IO;
using System.Linq;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli;

/// <summary>The oracle's four commands, end to end, on files made by hand (the conformance set covers files made by NumPy).</summary>
public class OracleCommandsTests
{
    private static string Conformance(string name) => Repository.PathOf($"Verification/Conformance/{name}");

    private static void UsageError(Run run, string line)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("refnn: " + line + "\n", run.Stderr);
    }

    [Fact]
    public void Grad_PrintsTheResultJsonOnly()
    {
        Run run = Run.Refnn("grad", Conformance("xor.case.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.StartsWith("{\n  \"format\": \"referencenn/result@1\",\n  \"producer\": \"ReferenceNN ", run.Stdout);
        OracleResult parsed = ResultComparison.ReadResult(run.Stdout, "stdout");
        Assert.True(ResultComparison.Compare(OracleResult.Compute(CaseFile.Load(Conformance("xor.case.json"))), parsed, 0, 0).Agrees);
    }

    [Fact]
    public void Grad_Npy_WritesEveryTensor()
    {
        using var folder = new TempFolder();
        string directory = Path.Combine(folder.Path, "out");
        Run run = Run.Refnn("grad", Conformance("xor.case.json"), "--npy", directory);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["inputGradient.npy", "layers.0.biasGradient.npy", "layers.0.weightsGradient.npy", "layers.2.biasGradient.npy",
            "layers.2.weightsGradient.npy", "loss.npy", "output.npy"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
        Tensor w = Npy.Read(Path.Combine(directory, "layers.0.weightsGradient.npy"), "x", "$");
        Assert.Equal(new Shape(2, 3), w.Shape);
    }

    [Fact]
    public void Grad_NpyIntoAFile_IsAUsageError()
    {
        using var folder = new TempFolder();
        string file = folder.Write("taken", "x");
        Run run = Run.Refnn("grad", Conformance("xor.case.json"), "--npy", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith($"refnn: --npy {file}: is a file, not a folder", run.Stderr);
    }

    [Fact]
    public void Train_PrintsEpochErrorsAndAFeedableNetwork()
    {
        using var folder = new TempFolder();
        Run run = Run.Refnn("train", Conformance("xor.case.json"), "--npy", folder.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("{\n  \"format\": \"referencenn/trained@1\"", run.Stdout);
        Assert.True(File.Exists(Path.Combine(folder.Path, "epochErrors.npy")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "network.2.weights.npy")));
        // The trained network is in case format: put it back into the case and it loads.
        string network = run.Stdout[run.Stdout.IndexOf("\"network\"")..].TrimEnd().TrimEnd('}');
        string fed = CaseFileTests.Case(network: network[(network.IndexOf('[')).. ], input: "[[1,0]]", target: "[[1]]");
        Assert.Equal(4, CaseFile.Parse(fed, "fed.json").Layers.Count);
    }

    [Fact]
    public void Train_WithoutATrainingSet_IsAUsageError()
    {
        UsageError(Run.Refnn("train", Conformance("softmax-large-logits.case.json")),
            "softmax-large-logits.case.json: $.train: is missing; refnn train needs a training set");
    }

    [Fact]
    public void Check_Agreeing_ExitsZero_Disagreeing_ExitsOne()
    {
        using var folder = new TempFolder();
        string mine = folder.Write("mine.json", Run.Refnn("grad", Conformance("xor.case.json")).Stdout);
        Run agree = Run.Refnn("check", Conformance("xor.case.json"), mine);
        Assert.Equal(0, agree.ExitCode);
        Assert.Contains("AGREE: all 7 tensors", agree.Stdout);

        string text = File.ReadAllText(mine);
        int at = text.IndexOf("\"loss\": ") + "\"loss\": ".Length;
        string theirs = folder.Write("theirs.json", text[..at] + "1.5" + text[text.IndexOf(',', at)..]);
        Run disagree = Run.Refnn("check", Conformance("xor.case.json"), theirs);
        Assert.Equal(1, disagree.ExitCode);
        Assert.Contains("first difference: loss: reference ", disagree.Stdout);
        Assert.Matches(@"\nloss +scalar +", disagree.Stdout);
        Assert.Contains("DISAGREE: 1 of 7 tensors", disagree.Stdout);
        Assert.Equal(0, Run.Refnn("check", Conformance("xor.case.json"), theirs, "--rtol", "10").ExitCode);
    }

    /// <summary>
    /// A float32 result is held to derived bounds, declared by the file's "dtype" or by --dtype; the two may not
    /// contradict each other, and tolerances do not apply to it.
    /// </summary>
    [Fact]
    public void Check_Float32_IsDeclaredByTheFileOrTheOption_AndRefusesTolerances()
    {
        using var folder = new TempFolder();
        string xor = Conformance("xor.case.json");
        string mine = Run.Refnn("grad", xor).Stdout;
        string plain = folder.Write("plain.json", mine);
        string declared = folder.Write("declared.json", mine.Replace("\"format\": \"referencenn/result@1\",", "\"format\": \"referencenn/result@1\", \"dtype\": \"float32\","));
        Assert.Contains("\"dtype\": \"float32\"", File.ReadAllText(declared));
        Run byFile = Run.Refnn("check", xor, declared);
        Assert.Equal(0, byFile.ExitCode);
        Assert.Contains("AGREE (float32): all 7 tensors", byFile.Stdout);
        Run byOption = Run.Refnn("check", xor, plain, "--dtype", "float32");
        Assert.Equal(byFile.Stdout, byOption.Stdout);
        Assert.StartsWith("AGREE: all 7 tensors within rtol", Run.Refnn("check", xor, plain).Stdout.Split('\n')[^2]);
        UsageError(Run.Refnn("check", xor, declared, "--dtype", "float64"),
            "--dtype float64: \"" + declared + "\" declares \"dtype\": \"float32\"; give the precision it was computed in, once");
        UsageError(Run.Refnn("check", xor, declared, "--rtol", "1e-4"),
            "--rtol/--atol: a float32 result is held to each element's derived float32 bound, not to tolerances; drop them");
        UsageError(Run.Refnn("check", xor, plain, "--dtype", "half"), "--dtype: \"half\" is not a precision refnn checks (write float64 or float32)");
        UsageError(Run.Refnn("check", xor, folder.Write("bad.json", mine.Replace("\"format\": \"referencenn/result@1\",", "\"format\": \"referencenn/result@1\", \"dtype\": \"bf16\","))),
            "bad.json: $.dtype: must be \"float64\" or \"float32\" (the precision your implementation computed in), not the string \"bf16\"");
    }

    /// <summary>The float32 verdict costs more than grad, and its work is charged so: a budget enough for float64 refuses float32.</summary>
    [Fact]
    public void Check_Float32_IsChargedItsOwnWork()
    {
        using var folder = new TempFolder();
        string xor = Conformance("conv-depth-and-pooling.case.json");
        string mine = folder.Write("mine.json", Run.Refnn("grad", xor).Stdout);
        double grad = ReferenceNN.Oracle.CaseFile.Load(xor).Cost.Estimate(ReferenceNN.Oracle.CaseCommand.Grad)!.Value.Work;
        string Times(double k) => (k * grad).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, Run.Refnn("check", xor, mine, "--max-work", Times(2)).ExitCode);
        Run float32 = Run.Refnn("check", xor, mine, "--dtype", "float32", "--max-work", Times(2));
        Assert.Equal(2, float32.ExitCode);
        int evaluations = ReferenceNN.Oracle.Float32Reference.EvaluationsOf(ReferenceNN.Oracle.CaseFile.Load(xor));
        Assert.Equal(4, evaluations); // the literal formulas, tanh′ = 1 − y², σ′ = y(1 − y), BCE over its common denominator
        Assert.Contains($"in the float32 verdict's arithmetic, {evaluations} evaluations, needs about", float32.Stderr);
        Assert.Equal(0, Run.Refnn("check", xor, mine, "--dtype", "float32", "--max-work", Times(1.01 * evaluations * ReferenceNN.Oracle.CaseCost.Float32Factor)).ExitCode);
    }

    [Fact]
    public void Check_BadInputs_AreUsageErrors()
    {
        using var folder = new TempFolder();
        UsageError(Run.Refnn("check", Conformance("xor.case.json"), Path.Combine(folder.Path, "none.json")), "none.json: $: no such file");
        UsageError(Run.Refnn("check", Conformance("xor.case.json"), folder.Write("bad.json", "[")), "bad.json: $: not valid JSON (line 1, byte 2)");
        UsageError(Run.Refnn("check", Conformance("xor.case.json"), folder.Write("r.json", "{}"), "--rtol", "-1"), "--rtol must be a finite number ≥ 0, not -1.");
        UsageError(Run.Refnn("check", Conformance("xor.case.json"), folder.Write("r.json", "{}"), "--atol", "NaN"), "--atol must be a finite number ≥ 0, not NaN.");
    }

    [Fact]
    public void GradCheck_AConformanceCase_Passes()
    {
        Run run = Run.Refnn("gradcheck", Conformance("conv-depth-and-pooling.case.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("adjoint", run.Stdout);
        Assert.Contains("Taylor", run.Stdout);
        Assert.EndsWith("PASSED: 12 checks\n", run.Stdout);
    }

    [Fact]
    public void GradCheck_AtAKink_FailsAndSaysWhichFailuresTheKinkMayExplain()
    {
        using var folder = new TempFolder();
        // The dense layer's output is exactly 0 at the ReLU: no finite difference is meaningful there, and none can
        // tell that from a wrong derivative, so the checks fail, marked as the kink's.
        string path = folder.Write("kink.json", CaseFileTests.Case(
            network: """[{"type":"dense","weights":[[1],[1]],"bias":[[-3]]},{"type":"activation","function":"relu"}]""", input: "[[1,2]]", target: "[[1]]"));
        Run run = Run.Refnn("gradcheck", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("note: layers[1] (activation): 1 inputs within a finite-difference step of the kink at 0", run.Stdout);
        Assert.Matches(@"layers\[0\] \(dense\)\s+weightsGradient\s+finite differences \(Ridders\)\s+worst rel error\s+1\.00E\+000\s+FAIL \(kink\?\)", run.Stdout);
        Assert.Matches(@"layers\[0\] \(dense\)\s+weightsGradient\s+adjoint\s+relative difference\s+0\.00E\+000\s+ok", run.Stdout);
        Assert.Contains("  (at a kink) layers[0] (dense) weightsGradient[0,0]: ", run.Stdout);
        Assert.Contains("FAILED: 4 of 6 checks; 4 of them (FAIL (kink?)) move an input at the kink in the notes", run.Stdout);
        Assert.Equal(2, Run.Refnn("gradcheck", path, "--rtol", "-2").ExitCode);
        Assert.Equal(2, Run.Refnn("gradcheck", path, "--stol", "Infinity").ExitCode);
    }

    [Fact]
    public void GradCheck_ATie_IsNoted()
    {
        using var folder = new TempFolder();
        string path = folder.Write("tie.json", CaseFileTests.Case(
            network: """[{"type":"maxpool","size":[1,2]},{"type":"flatten"}]""", input: "[[[0.5],[0.5]]]", target: "[[1]]"));
        Run run = Run.Refnn("gradcheck", path);
        Assert.Contains("note: layers[0] (maxpool): 1 windows whose two largest values are within two finite-difference steps", run.Stdout);
    }

    [Theory]
    [InlineData("grad")]
    [InlineData("train")]
    [InlineData("gradcheck")]
    public void EveryCommand_BadCase_OneLineNamingFileAndField_ExitTwo_NothingOnStdout(string command)
    {
        using var folder = new TempFolder();
        string path = folder.Write("case.json", CaseFileTests.Case(loss: "\"hinge\""));
        UsageError(Run.Refnn(command, path), "case.json: $.loss: unknown loss \"hinge\" (expected mse, binary_cross_entropy or cross_entropy)");
        UsageError(Run.Refnn(command, Path.Combine(folder.Path, "missing.json")), "missing.json: $: no such file");
    }

    [Fact]
    public void Check_BadCase_IsAUsageError()
    {
        using var folder = new TempFolder();
        UsageError(Run.Refnn("check", folder.Write("case.json", ""), folder.Write("r.json", "{}")), "case.json: $: the file is empty, not JSON");
    }

    public static TheoryData<string> TrainingCases()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Repository.PathOf("Verification/Conformance"), "*.case.json").Order(System.StringComparer.Ordinal))
        {
            if (CaseFile.Load(file).Train is not null) data.Add(Path.GetFileName(file));
        }
        return data;
    }

    /// <summary>train streams its epoch errors from its own loop over Network.TrainSample: the numbers are Fit's, bit for bit.</summary>
    [Theory]
    [MemberData(nameof(TrainingCases))]
    public void Train_Streamed_IsFitBitForBit_OnStdoutAndInNpy(string caseFile)
    {
        using var folder = new TempFolder();
        string directory = Path.Combine(folder.Path, "npy");
        Run run = Run.Refnn("train", Conformance(caseFile), "--npy", directory);
        Assert.Equal(0, run.ExitCode);
        OracleCase reference = CaseFile.Load(Conformance(caseFile));
        TrainSpec train = reference.Train!;
        double[] errors = reference.Network.Fit(train.Inputs, train.Targets, train.Epochs, train.LearningRate);
        Assert.Equal(ResultFile.WriteTrained(reference, errors), run.Stdout);
        Tensor written = Npy.Read(Path.Combine(directory, "epochErrors.npy"), "x", "$");
        Assert.Equal(new Shape(errors.Length), written.Shape);
        Assert.Equal(errors, written.Span.ToArray());
        Assert.Equal(reference.Layers.Count(l => l.Layer.Parameters.Count > 0) * 2 + 1, Directory.GetFiles(directory).Length);
    }

    [Fact]
    public void Train_Streamed_IsFitBitForBit_WithASampleCountThatIsNoPowerOfTwo()
    {
        // Three samples: dividing the epoch's sum by 3 and multiplying it by 1/3 differ in the last bit.
        using var folder = new TempFolder();
        string path = folder.Write("three.json", CaseFileTests.Case(train: """{"inputs":[[[1,2]],[[3,4]],[[0.5,-1]]],"targets":[[[0,1]],[[1,0]],[[0.3,0.7]]],"epochs":7,"learningRate":0.05}"""));
        Run run = Run.Refnn("train", path);
        OracleCase reference = CaseFile.Load(path);
        TrainSpec train = reference.Train!;
        Assert.Equal(ResultFile.WriteTrained(reference, reference.Network.Fit(train.Inputs, train.Targets, train.Epochs, train.LearningRate)), run.Stdout);
    }

    [Fact]
    public void Grad_Streamed_IsTheCommittedResult()
    {
        string expected = File.ReadAllText(Conformance("conv-depth-and-pooling.result.json"));
        string actual = Run.Refnn("grad", Conformance("conv-depth-and-pooling.case.json")).Stdout;
        static string WithoutProducer(string text) => string.Join("\n", text.Split('\n').Where(l => !l.Contains("\"producer\"")));
        Assert.Equal(WithoutProducer(expected), WithoutProducer(actual));
    }

    [Fact]
    public void Train_Literal_PrintsTheSameBytesAsTheFastKernels()
    {
        using var folder = new TempFolder();
        string path = folder.Write("case.json", ReferenceNN.Verification.Fuzz.HostileInputTests.XorCase(epochs: 30));
        Run fast = Run.Refnn("train", path);
        Run literal = Run.Refnn("train", path, "--literal");
        Assert.Equal(0, fast.ExitCode);
        Assert.Equal(0, literal.ExitCode);
        Assert.Contains("\"epochErrors\"", literal.Stdout);
        Assert.Equal(fast.Stdout, literal.Stdout);
    }
}
