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

    private static JsonNode Config => JsonNode.Parse(File.ReadAllText(Repository.PathOf("Verification/stryker-config.json")))!["stryker-config"]!;

    [Fact]
    public void StrykerConfig_BreakIsTheRecordedFloor_AndThresholdsAreOrdered()
    {
        JsonNode thresholds = Config["thresholds"]!;
        int high = (int)thresholds["high"]!, low = (int)thresholds["low"]!, breaking = (int)thresholds["break"]!;
        Assert.True(breaking >= RecordedBreak, $"thresholds.break is {breaking}, below the recorded {RecordedBreak}");
        Assert.True(high >= low && low >= breaking, $"Stryker needs high ≥ low ≥ break, not {high}, {low}, {breaking}");
    }

    [Fact]
    public void StrykerConfig_MutatesTheLibraryAtStandardLevelOrStronger()
    {
        Assert.Equal("ReferenceNN.csproj", (string?)Config["project"]);
        Assert.Contains((string?)Config["mutation-level"], new[] { "Standard", "Advanced", "Complete" });
    }

    [Fact]
    public void EveryEquivalentMutant_NamesALibraryFileThatHoldsItsOriginalCode()
    {
        string[] rows = File.ReadAllLines(Repository.PathOf("docs/Verification/EquivalentMutants.md"))
            .Where(line => Regex.IsMatch(line, @"^\| [A-Za-z/]+\.cs \|")).ToArray();
        Assert.NotEmpty(rows);
        foreach (string row in rows)
        {
            string[] cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            string original = Regex.Match(cells[1], "`([^`]*)`").Groups[1].Value.Split('…')[0].Trim();
            string path = Repository.PathOf(cells[0]);
            Assert.True(File.Exists(path), $"{cells[0]} does not exist");
            Assert.True(original.Length > 0 && File.ReadAllText(path).Contains(original, System.StringComparison.Ordinal),
                $"{cells[0]} no longer contains `{original}`");
        }
    }
}
