using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using ReferenceNN.Verification.Support;
using Xunit;
using YamlDotNet.Serialization;

namespace ReferenceNN.Verification.Packaging;

/// <summary>What makes ReferenceNN citable and installable: the citation file, the license, the version in one place.</summary>
public class PackagingTests
{
    private static string Version => Regex.Match(File.ReadAllText(Repository.PathOf("Directory.Build.props")), "<Version>(?<v>[^<]+)</Version>").Groups["v"].Value;

    private static JsonNode YamlAsJson(string path)
    {
        object? yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize(new StringReader(File.ReadAllText(path)));
        string json = JsonSerializer.Serialize(yaml);
        return JsonNode.Parse(json)!;
    }

    // A schema with an $id registers itself globally when parsed, and may be parsed only once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Schemas = new();

    private static EvaluationResults Validate(string schemaPath, JsonNode document)
    {
        JsonSchema schema = Schemas.GetOrAdd(schemaPath, path => JsonSchema.FromText(File.ReadAllText(path)));
        using JsonDocument parsed = JsonDocument.Parse(document.ToJsonString());
        return schema.Evaluate(parsed.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Errors(EvaluationResults results) => string.Join("\n", (results.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Fact]
    public void CitationFile_IsValidCff120_AndNamesTheVersionAndTheArticle()
    {
        JsonNode cff = YamlAsJson(Repository.PathOf("CITATION.cff"));
        EvaluationResults results = Validate(Repository.PathOf("Verification/Packaging/cff-1.2.0.schema.json"), cff);
        Assert.True(results.IsValid, Errors(results));
        Assert.Equal(Version, cff["version"]!.ToString());
        Assert.Equal("software", cff["type"]!.ToString());
        JsonNode article = cff["references"]![0]!;
        Assert.Equal("Math Neural Network from Scratch in Python", article["title"]!.ToString());
        Assert.Equal("Aflak", article["authors"]![0]!["family-names"]!.ToString());
    }

    [Fact]
    public void CitationSchema_RejectsAFileWithoutItsRequiredFields()
    {
        EvaluationResults results = Validate(Repository.PathOf("Verification/Packaging/cff-1.2.0.schema.json"),
            JsonNode.Parse("""{"cff-version": "1.2.0", "title": "x", "authors": []}""")!);
        Assert.False(results.IsValid);
    }

    [Fact]
    public void ReadmeCitation_IsTheSameVersion()
    {
        string readme = File.ReadAllText(Repository.PathOf("README.md"));
        Assert.Contains("## How to cite", readme);
        Assert.Contains($"version = {{{Version}}}", readme);
        Assert.Contains("@software{referencenn", readme);
    }

    [Fact]
    public void Changelog_HasAnEntryForTheVersion()
    {
        Assert.Contains($"## [{Version}]", File.ReadAllText(Repository.PathOf("CHANGELOG.md")));
    }

    [Fact]
    public void License_IsMit_AndEveryPackageShipsIt()
    {
        Assert.StartsWith("MIT License", File.ReadAllText(Repository.PathOf("LICENSE")));
        string props = File.ReadAllText(Repository.PathOf("Directory.Build.props"));
        Assert.Contains("<PackageLicenseFile>LICENSE</PackageLicenseFile>", props);
        Assert.Contains("<PackageReadmeFile>README.md</PackageReadmeFile>", props);
        Assert.Contains("<Version>", props);
        // The version is set in that one place only.
        foreach (string project in new[] { "Reference/Library/ReferenceNN.csproj", "Reference/Cli/refnn.csproj", "Verification/Verification.csproj" })
        {
            Assert.DoesNotContain("<Version>", File.ReadAllText(Repository.PathOf(project)));
        }
    }

    [Fact]
    public void Library_HasNoPackageReferences()
    {
        Assert.DoesNotContain("PackageReference", File.ReadAllText(Repository.PathOf("Reference/Library/ReferenceNN.csproj")));
    }

    [Fact]
    public void ConformanceCases_AndResults_ValidateAgainstTheirSchemas()
    {
        string folder = Repository.PathOf("Verification/Conformance");
        foreach (string file in Directory.EnumerateFiles(folder, "*.case.json"))
        {
            EvaluationResults results = Validate(Repository.PathOf("docs/Oracle/case.schema.json"), JsonNode.Parse(File.ReadAllText(file))!);
            Assert.True(results.IsValid, $"{Path.GetFileName(file)}:\n{Errors(results)}");
        }
        foreach (string file in Directory.EnumerateFiles(folder, "*.result.json"))
        {
            EvaluationResults results = Validate(Repository.PathOf("docs/Oracle/result.schema.json"), JsonNode.Parse(File.ReadAllText(file))!);
            Assert.True(results.IsValid, $"{Path.GetFileName(file)}:\n{Errors(results)}");
        }
        EvaluationResults wrong = Validate(Repository.PathOf("docs/Oracle/case.schema.json"),
            JsonNode.Parse("""{"format":"referencenn/case@1","network":[{"type":"dense","weights":[[1]]}],"loss":"mse","input":[[1]],"target":[[1]]}""")!);
        Assert.False(wrong.IsValid);
    }
}
