using System;
using System.IO;
using System.Linq;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Fuzz;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class BudgetTests
{
    private static OracleCase Parse(string json, Budget budget) => CaseFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "c.json", budget);

    [Fact]
    public void Charge_OverTheLimit_NamesFileFieldAndBothNumbers()
    {
        var budget = new Budget(new Limits { MaxMemoryBytes = 1000 });
        budget.Charge(600, "c.json", "$.a");
        budget.ChargeValues(50, "c.json", "$.b");
        Assert.Equal(1000, budget.MemoryBytes);
        CaseFileException e = Assert.Throws<CaseFileException>(() => budget.ChargeValues(1, "c.json", "$.c"));
        Assert.Equal("c.json: $.c: the case needs at least 1008 bytes (1008 bytes) of memory by here, more than --max-memory 1000 bytes (1000 bytes)", e.Message);
        Assert.Equal("$.c", e.Field);
    }

    [Fact]
    public void RequireWork_OverTheLimit_SaysHowItWasEstimated()
    {
        var budget = new Budget(new Limits { MaxWork = 1e10 });
        budget.RequireWork(1e10, "x", "c.json", "$");
        Assert.Equal("c.json: $.train.epochs: training needs about 1.07E+11 operations, more than --max-work 1E+10",
            Assert.Throws<CaseFileException>(() => budget.RequireWork(1.0681e11, "training", "c.json", "$.train.epochs")).Message);
        Assert.Throws<CaseFileException>(() => budget.RequireWork(double.NaN, "x", "c.json", "$"));
        Assert.Equal("999999", Budget.Number(999_999));
        Assert.Equal("1.5E+6", Budget.Number(1.5e6));
    }

    [Fact]
    public void TheXorCase_CostsWhatDocsOracleBudgetDerives()
    {
        // Forward: dense 2×3 (6 + 3), tanh (3), dense 3×1 (3 + 1), tanh (1), mse (1): 18, plus 32 for each of the
        // four layers and the loss: 178. A step is three forward passes: 534.
        OracleCase c = CaseFile.Parse(HostileInputTests.XorCase(epochs: 1000), "c.json");
        Assert.Equal(178, c.Cost.ForwardWork);
        Assert.Equal(534, c.Cost.StepWork);
        Assert.Equal((2, 13, 1), (c.Cost.InputValues, c.Cost.ParameterValues, c.Cost.OutputValues));
        Assert.Equal((534 + 200 * 16, "a step of 534 operations and writing 16 output and gradient values"), c.Cost.Estimate(CaseCommand.Grad));
        Assert.Equal(((4 * 15 + 64) * 178, "checking this case's 15 input and parameter elements by finite differences"), c.Cost.Estimate(CaseCommand.GradCheck));
        Assert.Null(c.Cost.Estimate(CaseCommand.Train));
        Assert.Null(c.Cost.Estimate(CaseCommand.None));
        var budget = new Budget(new Limits { MaxWork = 1000 * 4 * 534 + 200 * (1000 + 13) });
        c.Cost.RequireTrain(budget, "c.json", 1000, 4);
        Assert.Throws<CaseFileException>(() => c.Cost.RequireTrain(budget, "c.json", 1001, 4));
    }

    public static TheoryData<string, int> ConformanceCommands()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in Directory.EnumerateFiles(Repository.PathOf("Verification/Conformance"), "*.case.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file), (int)CaseCommand.Grad);
            data.Add(Path.GetFileName(file), (int)CaseCommand.GradCheck);
        }
        return data;
    }

    /// <summary>
    /// The estimates made while reading are lower bounds of the final one: a limit equal to the final estimate lets
    /// the case through, and any limit below it refuses it (while reading, or at the command's final check).
    /// </summary>
    [Theory]
    [MemberData(nameof(ConformanceCommands))]
    public void EstimatesWhileReading_NeverRefuseACaseTheFinalEstimateAllows(string caseFile, int command)
    {
        string path = Repository.PathOf($"Verification/Conformance/{caseFile}");
        var kind = (CaseCommand)command;
        double work = CaseFile.Load(path).Cost.Estimate(kind)!.Value.Work;
        void Run(double limit)
        {
            OracleCase c = CaseFile.Load(path, new Budget(new Limits { MaxWork = limit }) { Command = kind });
            if (kind == CaseCommand.Grad) c.Cost.RequireGrad(c.Budget, path);
            else c.Cost.RequireGradCheck(c.Budget, path);
        }
        Run(work);
        Assert.Contains("more than --max-work", Assert.Throws<CaseFileException>(() => Run(Math.BitDecrement(work))).Message);
    }

    private static string SparseWeights(TempFolder folder, int rows, int columns)
    {
        string path = Path.Combine(folder.Path, "w.npy");
        using FileStream file = File.Create(path);
        file.Write(NpyTests.Make("<f8", $"({rows}, {columns})", []));
        file.SetLength(file.Length + 8L * rows * columns);
        return "w.npy";
    }

    [Fact]
    public void ParametersOverTheWorkLimit_AreRefusedFromTheirHeader_BeforeTheirDataIsRead()
    {
        using var folder = new TempFolder();
        SparseWeights(folder, 4096, 4096);
        string path = folder.Write("c.json", CaseFileTests.Case(network: """[{"type":"dense","weights":{"npy":"w.npy"},"bias":[[0]]}]""", input: "[[1]]", target: "[[0]]"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        CaseFileException e = Assert.Throws<CaseFileException>(() => CaseFile.Load(path, new Budget(new Limits { MaxWork = 1e6 }) { Command = CaseCommand.Grad }));
        Assert.Equal("$.network[0].weights", e.Field);
        Assert.StartsWith("a step of 5.03E+7 operations and writing 1.68E+7 output and gradient values needs about", e.Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10 << 20, "the 128 MiB of weights were allocated");
    }

    [Fact]
    public void ParametersOverTheMemoryLimit_AreRefusedBeforeTheyAreAllocated()
    {
        using var folder = new TempFolder();
        SparseWeights(folder, 4096, 4096);
        string path = folder.Write("c.json", CaseFileTests.Case(network: """[{"type":"dense","weights":{"npy":"w.npy"},"bias":[[0]]}]""", input: "[[1]]", target: "[[0]]"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        CaseFileException e = Assert.Throws<CaseFileException>(() => CaseFile.Load(path, new Limits { MaxMemoryBytes = 64 << 20 }));
        Assert.Equal("$.network[0].weights", e.Field);
        Assert.EndsWith("more than --max-memory 67108864 bytes (64 MiB)", e.Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10 << 20, "the 128 MiB of weights were allocated");
    }

    [Fact]
    public void AConvolutionStridingThroughABufferLargerThanTheCache_CostsMorePerValue()
    {
        string Conv(int k, int width) => CaseFileTests.Case(
            network: $$"""[{"type":"conv","weights":[[[[{{string.Join(",", Enumerable.Repeat("0.5", k))}}]]]],"bias":[{{string.Join(",", Enumerable.Repeat("0", k))}}]},{"type":"maxpool","size":[1,{{width}}]},{"type":"flatten"}]""",
            input: "[[" + string.Join(",", Enumerable.Repeat("[1]", width)) + "]]", target: "[[" + string.Join(",", Enumerable.Repeat("0", k)) + "]]");
        // 2 channels × 32768 = 65536 values fit the cache; 2 × 131072 = 262144 do not.
        CaseCost small = CaseFile.Parse(Conv(2, 32_768), "c.json").Cost, large = CaseFile.Parse(Conv(2, 131_072), "c.json").Cost;
        double Layers(double outputs, double perAccess) => outputs * 2 * perAccess + 32 + outputs * perAccess + 32 + 2 + 32 + 2 + 32;
        Assert.Equal(Layers(65_536, 1), small.ForwardWork);
        Assert.Equal(Layers(262_144, Budget.StridedOverhead), large.ForwardWork);
    }
}
