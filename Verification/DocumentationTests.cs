using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ReferenceNN.Layers;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

/// <summary>
/// The three trees mirror each other (Reference/X/Y.cs ↔ docs/X/Y.md ↔ Verification/X/YTests.cs), every page is
/// complete, and every link in the documentation leads somewhere real.
/// </summary>
public partial class DocumentationTests
{
    [GeneratedRegex(@"(?<!!)\[(?<text>[^\]]+)\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    private static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(Repository.PathOf("docs"), "*.md", SearchOption.AllDirectories)
            .Append(Repository.PathOf("README.md"))
            .Where(File.Exists);

    /// <summary>The public layers, activations and losses: the types whose formulas the library exists to state.</summary>
    public static TheoryData<string> FormulaTypes()
    {
        var data = new TheoryData<string>();
        foreach (Type type in typeof(Layer).Assembly.GetExportedTypes()
                     .Where(t => t.Namespace is "ReferenceNN.Layers" or "ReferenceNN.Activations" or "ReferenceNN.Losses")
                     .Where(t => t.IsClass && !t.IsAbstract && t != typeof(Parameter))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.Namespace!["ReferenceNN.".Length..] + "/" + type.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FormulaTypes))]
    public void EveryFormulaType_HasItsSourceDocsPageAndTestFile(string path)
    {
        Assert.True(File.Exists(Repository.PathOf($"Reference/Library/{path}.cs")), $"Reference/Library/{path}.cs is missing");
        Assert.True(File.Exists(Repository.PathOf($"docs/{path}.md")), $"docs/{path}.md is missing");
        Assert.True(File.Exists(Repository.PathOf($"Verification/{path}Tests.cs")), $"Verification/{path}Tests.cs is missing");
    }

    [Theory]
    [MemberData(nameof(FormulaTypes))]
    public void EveryFormulaPage_HasFormulaDerivationCodeLineAndProof(string path)
    {
        string page = File.ReadAllText(Repository.PathOf($"docs/{path}.md"));
        Assert.Contains("## Formula", page);
        Assert.Contains("## Derivation", page);
        Assert.Contains("## Proof in tests", page);
        string name = path[(path.IndexOf('/') + 1)..];
        Assert.Matches($@"\]\([./]*Reference/Library/{Regex.Escape(path)}\.cs[#)]", page);
        // Every formula file of the type's family is linked from its page to the line of its function.
        string formulas = Repository.PathOf($"Reference/Library/Formulas/{name}");
        if (Directory.Exists(formulas))
        {
            foreach (string file in Directory.EnumerateFiles(formulas, "*.cs"))
            {
                string function = Path.GetFileNameWithoutExtension(file);
                if (function == "Sizes") continue;
                Assert.Matches($@"\[`{function}`\]\([./]*Reference/Library/Formulas/{name}/{function}\.cs#L\d+\)", page);
            }
        }
        else
        {
            Assert.Matches($@"\]\([./]*Reference/Library/{Regex.Escape(path)}\.cs#L\d+\)", page);
        }
        Assert.Contains($"Verification/{path}Tests.cs", page);
        // Every test the page names exists in the mirrored test file.
        string tests = File.ReadAllText(Repository.PathOf($"Verification/{path}Tests.cs"));
        foreach (Match test in Regex.Matches(page, @"`(?<name>[A-Z][A-Za-z0-9]+_[A-Za-z0-9_]+)`"))
        {
            string testName = test.Groups["name"].Value;
            Assert.True(tests.Contains(" " + testName + "(", StringComparison.Ordinal) || TestExistsAnywhere(testName),
                $"docs/{path}.md names {testName}, which no test file defines");
        }
    }

    [Fact]
    public void EveryFormulaFile_IsLinkedFromADocsPage_AtItsFunction()
    {
        string docs = string.Concat(Pages().Select(File.ReadAllText));
        var missing = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Repository.PathOf("Reference/Library/Formulas"), "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');
            string function = Path.GetFileNameWithoutExtension(file);
            if (function is "Sizes" or "Require" or "LossArguments") continue;
            if (!Regex.IsMatch(docs, $@"\[`{function}[^`]*`\]\([./]*{Regex.Escape(relative)}#L\d+\)")) missing.Add(relative);
        }
        Assert.True(missing.Count == 0, "formula files no page links to:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryRelativeLink_PointsToAnExistingFile()
    {
        var broken = new List<string>();
        foreach (string page in Pages())
        {
            foreach (Match link in Link().Matches(File.ReadAllText(page)))
            {
                string target = link.Groups["target"].Value;
                if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                string file = target.Split('#')[0];
                string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, file));
                if (!File.Exists(full) && !Directory.Exists(full)) broken.Add($"{Path.GetRelativePath(Repository.Root, page)}: {target}");
            }
        }
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void EveryLineLink_PointsAtTheCodeItNames()
    {
        // A link such as [`ForwardCore`](../../Reference/Layers/FullyConnected.cs#L69) must land on a line that
        // contains ForwardCore, so that a page never sends its reader to the wrong code after an edit.
        var wrong = new List<string>();
        int checkedLinks = 0;
        foreach (string page in Pages())
        {
            foreach (Match link in Link().Matches(File.ReadAllText(page)))
            {
                Match anchor = Regex.Match(link.Groups["target"].Value, @"^(?<file>[^#]+)#L(?<line>\d+)");
                Match name = Regex.Match(link.Groups["text"].Value, @"^`(?<name>[A-Za-z_][A-Za-z0-9_]*)");
                if (!anchor.Success || !name.Success) continue;
                string file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, anchor.Groups["file"].Value));
                string[] lines = File.ReadAllLines(file);
                int line = int.Parse(anchor.Groups["line"].Value);
                checkedLinks++;
                if (line > lines.Length || !lines[line - 1].Contains(name.Groups["name"].Value, StringComparison.Ordinal))
                {
                    int actual = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"\b{name.Groups["name"].Value}\b\s*[(<]")) + 1;
                    wrong.Add($"{Path.GetRelativePath(Repository.Root, page)}: {link.Value} (it is on line {actual})");
                }
            }
        }
        Assert.True(checkedLinks > 40, $"only {checkedLinks} line links were found");
        Assert.True(wrong.Count == 0, "line links that miss their code:\n" + string.Join("\n", wrong));
    }

    private static bool TestExistsAnywhere(string testName) =>
        Directory.EnumerateFiles(Repository.PathOf("Verification"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Any(f => File.ReadAllText(f).Contains(" " + testName + "(", StringComparison.Ordinal));
}
