using System.Reflection;

namespace ReferenceNN.Oracle;

/// <summary>
/// The name and version of this build, written into every result file (<c>"producer": "ReferenceNN 0.1.0"</c>) and
/// printed by <c>refnn --version</c>, so that a cited number can be traced to the code that made it. The version is
/// set in one place, Directory.Build.props.
/// </summary>
public static class Producer
{
    /// <summary>The semantic version, e.g. <c>0.1.0</c> (without build metadata).</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary><c>ReferenceNN</c> and the version, e.g. <c>ReferenceNN 0.1.0</c>.</summary>
    public static string Name => "ReferenceNN " + Version;

    private static string ReadVersion()
    {
        // The SDK always writes the informational version; with source control it ends in "+commit", which is dropped.
        string informational = typeof(Producer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        return informational.Split('+')[0];
    }
}
