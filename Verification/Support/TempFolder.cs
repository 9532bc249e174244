using System;
using System.IO;

namespace ReferenceNN.Verification.Support;

/// <summary>A fresh folder under the system's temp folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "referencenn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    private TempFolder(string path) => Path = path;

    /// <summary>An existing folder, handled like a TempFolder (deleted on dispose).</summary>
    public static TempFolder At(string path) => new(path);

    public string Path { get; }

    public string Write(string name, string text)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public string Write(string name, byte[] bytes)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
