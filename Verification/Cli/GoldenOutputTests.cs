using System;
using System.IO;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli;

/// <summary>
/// refnn's human-readable outputs, compared in full with the files in Cli/Golden/: a changed column, label or number
/// is a failing test and a visible diff. To accept a deliberate change, run bash Verification/accept-golden.sh after the
/// failing run (see <see cref="Golden"/>) and commit the rewritten files.
/// </summary>
public class GoldenOutputTests
{
    private static string Conformance(string name) => Repository.PathOf($"Verification/Conformance/{name}");

    private static void Matches(string golden, Run run, int exitCode)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Golden.AssertMatches($"Verification/Cli/Golden/{golden}", run.Stdout);
    }

    [Fact]
    public void GradCheck_DropoutCase() => Matches("gradcheck-dropout.txt", Run.Refnn("gradcheck", Conformance("dropout.case.json")), 0);

    [Fact]
    public void GradCheck_AtAKink_ShowsTheFailingElementsAndTheNote()
    {
        using var folder = new TempFolder();
        string path = folder.Write("kink.json", Oracle.CaseFileTests.Case(
            network: """[{"type":"dense","weights":[[1],[1]],"bias":[[-3]]},{"type":"activation","function":"relu"}]""", input: "[[1,2]]", target: "[[1]]"));
        Matches("gradcheck-kink.txt", Run.Refnn("gradcheck", path), 1);
    }

    [Fact]
    public void GradCheck_ConstantLoss_ShowsAnExactTaylorTest()
    {
        using var folder = new TempFolder();
        string path = folder.Write("constant.json", Oracle.CaseFileTests.Case(
            network: """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[[0.5,0.6]]},{"type":"dropout","rate":0.5,"mask":[[0,0]]}]"""));
        Matches("gradcheck-constant.txt", Run.Refnn("gradcheck", path), 0);
    }

    [Fact]
    public void Check_TheArticlesConvBiasGradient()
    {
        // A result with the article's layer_depth·Σ bias gradient, as docs/Oracle.md shows it.
        string reference = Run.Refnn("grad", Conformance("conv-depth-and-pooling.case.json")).Stdout;
        ReferenceNN.Oracle.OracleResult parsed = ReferenceNN.Oracle.ResultComparison.ReadResult(reference, "r.json");
        Tensor bias = parsed.Layers[0].BiasGradient!;
        for (int k = 0; k < bias.Length; k++) bias.Span[k] *= 3;
        using var folder = new TempFolder();
        string theirs = folder.Write("theirs.json", ReferenceNN.Oracle.ResultFile.Write(parsed));
        Matches("check-article-bias.txt", Run.Refnn("check", Conformance("conv-depth-and-pooling.case.json"), theirs), 1);
    }
}
