using System;
using System.IO;

namespace ReferenceNN.Verification.Support;

/// <summary>Paths in the repository, found from the test assembly's folder.</summary>
public static class Repository
{
    /// <summary>The folder holding ReferenceNN.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (string? folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "ReferenceNN.sln"))) return folder;
        }
        throw new InvalidOperationException($"No ReferenceNN.sln above {AppContext.BaseDirectory}.");
    }
}
