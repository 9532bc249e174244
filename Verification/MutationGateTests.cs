using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

/// <summary>The mutation gate's configuration and its list of equivalent mutants, which CI's Stryker run relies on.</summary>
public class MutationGateTests
{
    /// <summary>The score the equivalent-mutant list leaves, rounded down to a whole percentage: never to be lowered.</summary>
    private const int RecordedBreak = 99;

    private static JsonNode Config(string project) =>
        JsonNode.Parse(File.ReadAllText(Repository.PathOf($"Verification/stryker-{project}.json")))!["stryker-config"]!;

    [Theory]
    [InlineData("formulas")]
    [InlineData("layers")]
    [InlineData("checking")]
    [InlineData("library")]
    [InlineData("elementary")]
    [InlineData("oracle")]
    public void StrykerConfig_BreakIsTheRecordedFloor_AndThresholdsAreOrdered(string project)
    {
        JsonNode thresholds = Config(project)["thresholds"]!;
        int high = (int)thresholds["high"]!, low = (int)thresholds["low"]!, breaking = (int)thresholds["break"]!;
        Assert.True(breaking >= RecordedBreak, $"thresholds.break is {breaking}, below the recorded {RecordedBreak}");
        Assert.True(high >= low && low >= breaking, $"Stryker needs high ≥ low ≥ break, not {high}, {low}, {breaking}");
    }

    [Fact]
    public void StrykerConfigs_TogetherMutateTheWholeLibraryAtTheCompleteLevel_AndTheOracleAtStandardOrStronger()
    {
        foreach (string project in new[] { "formulas", "layers", "checking", "library", "elementary" })
        {
            Assert.Equal("ReferenceNN.csproj", (string?)Config(project)["project"]);
            Assert.Equal("Complete", (string?)Config(project)["mutation-level"]);
        }
        // The five library runs split the library's files between them, leaving none out.
        Assert.Equal(["**/Formulas/**/*.cs"], Config("formulas")["mutate"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["**/Layers/*.cs", "**/Activations/*.cs", "**/Losses/*.cs", "**/Networks/*.cs"], Config("layers")["mutate"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["**/Checking/*.cs"], Config("checking")["mutate"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["**/*.cs", "!**/Elementary/*.cs", "!**/Formulas/**/*.cs", "!**/Layers/*.cs", "!**/Activations/*.cs", "!**/Losses/*.cs",
            "!**/Networks/*.cs", "!**/Checking/*.cs"], Config("library")["mutate"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["**/Elementary/*.cs"], Config("elementary")["mutate"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("ReferenceNN.Oracle.csproj", (string?)Config("oracle")["project"]);
        Assert.Contains((string?)Config("oracle")["mutation-level"], new[] { "Standard", "Advanced", "Complete" });
        Assert.Null(Config("oracle")["mutate"]);
    }

    /// <summary>
    /// Each gated configuration runs its directories' own tests, so that a mutant is killed by a test of the code it
    /// is in, and leaves out the slow MNIST-sized and accuracy sweeps that would not fit CI's time.
    /// </summary>
    [Theory]
    [InlineData("formulas", new[] { "Formulas." })]
    [InlineData("layers", new[] { "Layers.", "Activations.", "Losses.", "NetworkTests.", "EpochReportTests.", "Mutation." })]
    [InlineData("checking", new[] { "Checking.", "Mutation." })]
    public void GatedConfigs_RunTheirOwnTests_WithoutTheSlowSweeps(string project, string[] namespaces)
    {
        string filter = (string?)Config(project)["test-case-filter"] ?? "";
        foreach (string name in namespaces) Assert.Contains("FullyQualifiedName~ReferenceNN.Verification." + name, filter);
        Assert.Contains("FullyQualifiedName!~MnistSized", filter);
        Assert.Contains("FullyQualifiedName!~Accuracy", filter);
    }

    [Fact]
    public void Ci_RunsTheGate_FormulasLayersAndChecking()
    {
        string ci = File.ReadAllText(Repository.PathOf(".ci/run"));
        Assert.Contains("bash Verification/mutation.sh > \"$mutation_log\"", ci);
        string script = File.ReadAllText(Repository.PathOf("Verification/mutation.sh"));
        Assert.Contains("projects=(formulas layers checking)\n", script);
    }

    /// <summary>
    /// Each row of the equivalent-mutant table names a file that exists, a mutator, the original and replacement text,
    /// which occurrence of the original the mutant is at (the file must still hold that many), and an argument.
    /// </summary>
    [Fact]
    public void EveryEquivalentMutant_IsAnExactEntryForCodeThatExists()
    {
        string[] rows = File.ReadAllLines(Repository.PathOf("docs/Verification/EquivalentMutants.md"))
            .Where(line => Regex.IsMatch(line, @"^\| Reference/[A-Za-z/.]+\.cs \|")).ToArray();
        foreach (string row in rows)
        {
            string[] cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 6, $"a row needs file | mutator | original | replacement | occurrence | why: {row}");
            string original = Regex.Match(cells[2], "^`(.*)`$").Groups[1].Value;
            Assert.True(Regex.IsMatch(cells[3], "^`.*`$"), $"the replacement is not code: {row}");
            int occurrence = int.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture);
            string path = Repository.PathOf(cells[0]);
            Assert.True(File.Exists(path), $"{cells[0]} does not exist");
            string source = File.ReadAllText(path);
            int count = original.Length == 0 ? 0 : Regex.Matches(source, Regex.Escape(original)).Count;
            Assert.True(original.Length > 0 && count >= occurrence && occurrence >= 1,
                $"{cells[0]} holds `{original}` {count} times, not the {occurrence}th the entry names");
            Assert.False(string.IsNullOrWhiteSpace(cells[1]), $"no mutator: {row}");
            Assert.True(cells[5].Length > 20, $"no argument: {row}");
        }
    }
}
