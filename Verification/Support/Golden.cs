using System;
using System.IO;
using Xunit;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// Committed expected outputs (golden files, conformance vectors). A test compares what this build produces with the
/// committed file and nothing else: there is no switch that makes a test write its own expectation. When they differ
/// (or the file is missing), the test fails and leaves what it produced under TestResults/golden-actual/ with the same
/// relative path; <c>bash Verification/accept-golden.sh</c> copies those files over the committed ones, to be
/// reviewed as a diff and committed when a change of result is deliberate.
/// </summary>
public static class Golden
{
    /// <summary>The folder a failing comparison writes the actual output into.</summary>
    public static string ActualFolder => Repository.PathOf("TestResults/golden-actual");

    /// <summary>
    /// Asserts that <paramref name="actual"/> equals the committed file at <paramref name="relativePath"/> (from the
    /// repository's root) once both have gone through <paramref name="normalize"/>.
    /// </summary>
    public static void AssertMatches(string relativePath, string actual, Func<string, string>? normalize = null)
    {
        normalize ??= text => text;
        string path = Repository.PathOf(relativePath);
        string? expected = File.Exists(path) ? File.ReadAllText(path) : null;
        if (expected is not null && normalize(expected) == normalize(actual)) return;
        string actualPath = Path.Combine(ActualFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(actualPath)!);
        File.WriteAllText(actualPath, actual);
        Assert.Fail(expected is null
            ? $"{relativePath} is missing; this build's output is in {actualPath} (bash Verification/accept-golden.sh copies it into place)."
            : $"{relativePath} differs from this build's output, which is in {actualPath} (diff them; bash Verification/accept-golden.sh accepts it).\n" +
              $"first difference at character {FirstDifference(normalize(expected), normalize(actual))}");
    }

    /// <summary>
    /// Leaves <paramref name="bytes"/> under <see cref="ActualFolder"/> as the candidate for the committed file at
    /// <paramref name="relativePath"/>, for a comparison that is not byte for byte (an image within a tolerance), and
    /// returns where it went.
    /// </summary>
    public static string SaveActual(string relativePath, byte[] bytes)
    {
        string actualPath = Path.Combine(ActualFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(actualPath)!);
        File.WriteAllBytes(actualPath, bytes);
        return actualPath;
    }

    private static int FirstDifference(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }
}
