using System;
using System.IO;

namespace ReferenceNN.Oracle;

/// <summary>
/// A case, result or .npy file that cannot be used. The message is one line naming the file and the field (a JSON path
/// such as <c>$.network[2].weights</c>) at fault, e.g. <c>case.json: $.loss: unknown loss "mae" (expected mse, …)</c>.
/// The file's name is escaped and cut as every echoed value is (docs/Oracle/Echo.md), so the message stays one line.
/// </summary>
public sealed class CaseFileException : Exception
{
    /// <summary>Creates the exception for a field of a file.</summary>
    public CaseFileException(string file, string field, string problem, Exception? inner = null)
        : base($"{Echo.Value(Path.GetFileName(file))}: {field}: {problem}", inner)
    {
        File = file;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file at fault, as given.</summary>
    public string File { get; }

    /// <summary>The JSON path of the field at fault (<c>$</c> for the whole document).</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the file and field.</summary>
    public string Problem { get; }
}
