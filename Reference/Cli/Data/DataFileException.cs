using System;
using System.IO;

namespace ReferenceNN.Cli.Data;

/// <summary>A data file that cannot be used; the message is one line naming the file, e.g. <c>train-labels-idx1-ubyte.gz: truncated: …</c>.</summary>
internal sealed class DataFileException : Exception
{
    /// <summary>Creates the exception for a file.</summary>
    public DataFileException(string file, string problem, Exception? inner = null)
        : base($"{ReferenceNN.Oracle.Echo.Value(Path.GetFileName(file))}: {problem}", inner)
    {
        File = file;
    }

    /// <summary>The file at fault, as given.</summary>
    public string File { get; }
}
